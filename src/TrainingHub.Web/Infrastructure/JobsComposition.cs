using Microsoft.Extensions.Options;
using Hangfire;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Npgsql;
using TrainingHub.Features.Outbox;
using TrainingHub.Infrastructure;
using TrainingHub.Jobs;

namespace TrainingHub.Web.Infrastructure;

/// <summary>Hangfire: its storage per provider, the server, the dashboard at /jobs and the recurring jobs.</summary>
public static class JobsComposition
{
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        // Each host owns its storage instance (registered in DI), so hosts never share Hangfire's static JobStorage.Current.
        // It is created on first use, after this host's logging exists: Hangfire's log provider is static too.
        builder.Services.AddSingleton<JobStorage>(sp =>
        {
            LogProvider.SetCurrentLogProvider(new HangfireLogging(sp.GetRequiredService<ILoggerFactory>()));
            return database.Provider switch
            {
                DatabaseProvider.SqlServer => new SqlServerStorage(database.ConnectionString),
                DatabaseProvider.PostgreSql => PostgreSqlStorageFor(database.ConnectionString!),
                // Hangfire has no maintained SQLite storage; jobs that must survive a restart are rebuilt from outbox rows.
                _ => new Hangfire.InMemory.InMemoryStorage(),
            };
        });
        builder.Services.AddHangfire((sp, cfg) => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<ILoggerFactory>()))
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        builder.Services.AddSingleton<IOutboxKick, HangfireOutboxKick>();
        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer(o => o.WorkerCount = jobs.WorkerCount);
        }
        return builder;
    }

    /// <summary>
    /// Installs or upgrades Hangfire's schema holding a PostgreSQL advisory lock, then opens the storage without preparing
    /// it again. Servers starting together would otherwise install at once: the loser's serializable transaction fails, is
    /// logged as an error, and that server stops installing.
    /// </summary>
    private static PostgreSqlStorage PostgreSqlStorageFor(string connectionString)
    {
        InstallSchemaInTurn(connectionString);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false }));
    }

    private static void InstallSchemaInTurn(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({HangfireSchemaLock})", connection)) take.ExecuteNonQuery();
        try
        {
            PostgreSqlObjectsInstaller.Install(connection);
        }
        finally
        {
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({HangfireSchemaLock})", connection);
            release.ExecuteNonQuery();
        }
    }

    /// <summary>Any number that no other advisory lock on the database uses.</summary>
    private const long HangfireSchemaLock = 0x54482d4a4f4253;

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            // Access is decided by the endpoint's authorization policy, not by Hangfire's local-requests-only default.
            Authorization = [],
            DashboardTitle = "TrainingHub jobs",
            AppPath = "/",
        }, app.Services.GetRequiredService<JobStorage>()).RequireAuthorization(Policies.InstituteAdmin);
        return app;
    }

    public static WebApplication ScheduleRecurringJobs(this WebApplication app)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(app.Services.GetRequiredService<IOptions<InstituteOptions>>().Value.TimeZone);
        recurring.AddOrUpdate<OutboxJob>(OutboxJob.Id, j => j.RunAsync(), Cron.Minutely());
        var eligibilityMinutes = app.Services.GetRequiredService<IOptions<CredentialOptions>>().Value.EligibilityCheckMinutes;
        recurring.AddOrUpdate<EligibilityJob>(EligibilityJob.Id, j => j.RunAsync(), eligibilityMinutes == 60 ? Cron.Hourly() : $"*/{eligibilityMinutes} * * * *");
        recurring.AddOrUpdate<SupervisorDigestJob>(SupervisorDigestJob.Id, j => j.RunAsync(),
            Cron.Daily(app.Services.GetRequiredService<IOptions<SignOffOptions>>().Value.DigestHour), new RecurringJobOptions { TimeZone = zone });
        return app;
    }
}

/// <summary>After a commit that queued outbox work, a background job handles it now rather than at the next minutely pass.</summary>
internal sealed class HangfireOutboxKick(IBackgroundJobClient jobs) : IOutboxKick
{
    public void Kick() => jobs.Enqueue<OutboxJob>(j => j.RunAsync());
}
