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
        var runServer = (builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions()).RunServer;
        // Each host owns its storage instance (registered in DI), so hosts never share Hangfire's static JobStorage.Current.
        // It is created on first use, after this host's logging exists: Hangfire's log provider is static too.
        builder.Services.AddSingleton<JobStorage>(sp =>
        {
            LogProvider.SetCurrentLogProvider(new HangfireLogging(sp.GetRequiredService<ILoggerFactory>()));
            return StorageFor(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<IOptions<JobsOptions>>().Value);
        });
        builder.Services.AddHangfire((sp, cfg) => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<ILoggerFactory>()))
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        builder.Services.AddSingleton<IOutboxKick, HangfireOutboxKick>();
        if (runServer)
        {
            builder.Services.AddHangfireServer((sp, o) =>
            {
                var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                o.WorkerCount = jobs.WorkerCount;
                // A server that stopped (a crash, a pulled cable) leaves the list, and hands on what it held, within minutes.
                o.HeartbeatInterval = TimeSpan.FromSeconds(jobs.HeartbeatSeconds);
                o.ServerTimeout = TimeSpan.FromMinutes(jobs.ServerTimeoutMinutes);
                o.ServerCheckInterval = TimeSpan.FromMinutes(1);
            });
        }
        return builder;
    }

    /// <summary>
    /// Each storage tuned so that a job fetched by a server that died goes to another after
    /// <see cref="JobsOptions.InvisibilityTimeoutMinutes"/>, not the storages' default of 30 minutes.
    /// </summary>
    internal static JobStorage StorageFor(DatabaseOptions database, JobsOptions jobs) => database.Provider switch
    {
        DatabaseProvider.SqlServer => new SqlServerStorage(database.ConnectionString, SqlServerStorageOptionsFor(jobs)),
        DatabaseProvider.PostgreSql => PostgreSqlStorageFor(TrainingHubServices.WithPostgreSqlDefaults(database.ConnectionString!, jobs.WorkerCount), jobs),
        // Hangfire has no maintained SQLite storage; jobs that must survive a restart are rebuilt from outbox rows.
        _ => new Hangfire.InMemory.InMemoryStorage(),
    };

    /// <summary>
    /// Hangfire's recommended SQL Server settings: a sliding timeout renewed while a job runs, so a long job is never taken
    /// from a live server; a queue that hears of new jobs at once instead of polling; no global locks.
    /// </summary>
    internal static SqlServerStorageOptions SqlServerStorageOptionsFor(JobsOptions jobs) => new()
    {
        SlidingInvisibilityTimeout = TimeSpan.FromMinutes(jobs.InvisibilityTimeoutMinutes),
        QueuePollInterval = TimeSpan.Zero,
        UseRecommendedIsolationLevel = true,
        DisableGlobalLocks = true,
        CommandBatchMaxTimeout = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// Installs or upgrades Hangfire's schema holding a PostgreSQL advisory lock, then opens the storage without preparing
    /// it again. Servers starting together would otherwise install at once: the loser's serializable transaction fails, is
    /// logged as an error, and that server stops installing.
    /// </summary>
    private static PostgreSqlStorage PostgreSqlStorageFor(string connectionString, JobsOptions jobs)
    {
        InstallSchemaInTurn(connectionString);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = false,
            InvisibilityTimeout = TimeSpan.FromMinutes(jobs.InvisibilityTimeoutMinutes),
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = TimeSpan.FromSeconds(jobs.QueuePollSeconds),
        });
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
        // The dashboard polls its figures by POSTing a form to /jobs/stats; Hangfire answers a plain visit there (a GET,
        // which has no form) with an exception, so an admin who opened the address got a 500. It is told what the address is.
        app.MapMethods("/jobs/stats", [HttpMethods.Get, HttpMethods.Head], () =>
                Results.Text("This address gives the jobs dashboard its figures. Open /jobs to see them.", statusCode: StatusCodes.Status405MethodNotAllowed))
            .RequireAuthorization(Policies.InstituteAdmin);
        return app;
    }

    public static WebApplication ScheduleRecurringJobs(this WebApplication app)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(app.Services.GetRequiredService<IOptions<InstituteOptions>>().Value.TimeZone);
        recurring.AddOrUpdate<OutboxJob>(OutboxJob.Id, j => j.RunAsync(), Cron.Minutely());
        var eligibilityMinutes = app.Services.GetRequiredService<IOptions<CredentialOptions>>().Value.EligibilityCheckMinutes;
        recurring.AddOrUpdate<EligibilityJob>(EligibilityJob.Id, j => j.RunAsync(), EveryMinutes(eligibilityMinutes));
        var reconciliationMinutes = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value.CompletionReconciliationMinutes;
        recurring.AddOrUpdate<CompletionReconciliationJob>(CompletionReconciliationJob.Id, j => j.RunAsync(), EveryMinutes(reconciliationMinutes));
        recurring.AddOrUpdate<SupervisorDigestJob>(SupervisorDigestJob.Id, j => j.RunAsync(),
            Cron.Daily(app.Services.GetRequiredService<IOptions<SignOffOptions>>().Value.DigestHour), new RecurringJobOptions { TimeZone = zone });
        // Every quarter hour: a session scheduled late still gets its reminder, and each person gets it once (outbox key).
        recurring.AddOrUpdate<SessionReminderJob>(SessionReminderJob.Id, j => j.RunAsync(), "*/15 * * * *");
        // Hourly: a credential verified today gets its due reminder within the hour, and each threshold once (outbox key).
        recurring.AddOrUpdate<RenewalReminderJob>(RenewalReminderJob.Id, j => j.RunAsync(), Cron.Hourly());
        return app;
    }

    /// <summary>A cron expression for every <paramref name="minutes"/> minutes (1-60) within each hour.</summary>
    internal static string EveryMinutes(int minutes) => minutes == 60 ? Cron.Hourly() : $"*/{minutes} * * * *";
}

/// <summary>After a commit that queued outbox work, a background job handles it now rather than at the next minutely pass.</summary>
internal sealed class HangfireOutboxKick(IBackgroundJobClient jobs) : IOutboxKick
{
    public void Kick() => jobs.Enqueue<OutboxJob>(j => j.RunAsync());
}
