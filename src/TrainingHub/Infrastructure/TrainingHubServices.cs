using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using FluentValidation;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features.Accounts;
using TrainingHub.Features.Certificates;
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Features.Credentials;
using TrainingHub.Features.Credentials.OutsideCertificates;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;
using TrainingHub.Features.SignOffs;
using TrainingHub.Features.Sites.People;
using TrainingHub.Features.Sites.Reports;
using TrainingHub.Features.Xapi;

namespace TrainingHub.Infrastructure;

public static class TrainingHubServices
{
    /// <summary>Everything the application needs whatever its host (the site, the CLI, tests): options, data, content, mediator.</summary>
    public static IServiceCollection AddTrainingHubCore(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var section in OptionsCatalog.All)
        {
            section.Register(services, configuration);
        }

        Localization.TranslatedMessages.Install();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DataPaths>();
        services.AddSingleton<SqliteCommitGroup>();
        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<SqliteWriteGateInterceptor>();
        services.AddScoped<SeatTimeStore>();
        // Chosen once here, so the heartbeat use case never asks which database it runs on.
        services.AddSingleton<ISeatTimeCommits>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value is { Provider: DatabaseProvider.Sqlite, GroupSqliteCommits: true }
            ? new SeatTimeCommitsGrouped(sp.GetRequiredService<SqliteCommitGroup>())
            : new SeatTimeCommitsOneByOne());
        services.AddSingleton(sp => CatalogLoader.LoadOrThrow(sp.GetRequiredService<DataPaths>().ContentFolder));
        services.AddSingleton<IMailSender, MailSender>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<SiteScope>();
        services.AddSingleton(sp => OnboardingGuide.LoadOrThrow(sp.GetRequiredService<DataPaths>().ContentFolder));
        services.AddScoped<InvitationLinks>();
        services.AddScoped<SiteMembers>();
        services.AddScoped<RosterPlanner>();
        services.AddScoped<ReportNumbers>();
        services.AddScoped<HoursLedger>();
        services.AddScoped<CompletionCheck>();
        services.AddScoped<CohortAccess>();
        services.AddScoped<SiteTimeZones>();
        services.AddScoped<SessionDirectory>();
        services.AddScoped<SessionNotices>();
        services.AddScoped<SessionEmailParts>();
        services.AddScoped<SupervisorRules>();
        services.AddSingleton<LessonSearchIndex>();
        services.AddSingleton(sp => CredentialRulesLoader.LoadOrThrow(sp.GetRequiredService<DataPaths>().ContentFolder,
            sp.GetRequiredService<CourseCatalog>().Domains.Select(d => d.Tag).ToList(), sp.GetRequiredService<CourseCatalog>().Codes.Select(c => c.Id).ToList()));
        services.AddScoped<CredentialAccess>();
        services.AddScoped<PersonRecords>();
        services.AddScoped<OutsideCertificateFiles>();
        services.AddScoped<Jobs.EligibilityJob>();
        services.AddScoped<Outbox>();
        services.AddScoped<UnitOfWork>();
        services.TryAddSingleton<IOutboxKick, NoOutboxKick>();
        services.AddOutboxHandler<EligibilityReached, EligibilityNoticeEmail>();
        services.AddOutboxHandler<SignOffDecided, SignOffDecisionEmail>();
        services.AddOutboxHandler<GroupRequestAnswered, GroupRequestAnswerEmail>();
        services.AddOutboxHandler<CertificateRequested, CertificateRequestWork>();
        services.AddOutboxHandler<CertificateEmailDue, CertificateEmailWork>();
        services.AddOutboxHandler<CertificateRevokedNoticeDue, CertificateRevokedEmail>();
        services.AddOutboxHandler<SessionNoticeDue, SessionNoticeEmail>();
        services.AddOutboxHandler<SessionReminderDue, SessionReminderEmail>();
        services.AddOutboxHandler<PasswordResetRequested, PasswordResetEmail>();
        services.AddOutboxHandler<EligibilityChanged, EligibilityChangeEmail>();
        services.AddOutboxHandler<RenewalReminderDue, RenewalReminderEmail>();
        services.AddOutboxHandler<XapiStatementDue, XapiStatementWork>();
        services.AddSingleton<XapiClient>();
        services.AddSingleton<XapiRecorder>();
        services.AddScoped<CertificateIssuer>();
        services.AddSingleton<CertificateSnapshot>();
        services.AddSingleton<StatusListCache>();
        services.AddScoped<CertificateCredential>();
        services.AddSingleton<InstituteSigningKeys>();
        services.AddSingleton(sp => sp.GetRequiredService<InstituteSigningKeys>().Current);
        // Keys for cookies, antiforgery tokens and reset links, in the database so every server reads what another wrote.
        services.AddDataProtection().SetApplicationName("TrainingHub").PersistKeysToDbContext<TrainingHubDb>();
        services.AddScoped<Jobs.OutboxJob>();
        services.AddScoped<Jobs.SupervisorDigestJob>();
        services.AddScoped<Jobs.SessionReminderJob>();
        services.AddScoped<Jobs.RenewalReminderJob>();
        services.AddScoped<DatabaseStartup>();
        services.AddSingleton<Features.Catalog.LessonReadings>();
        services.AddScoped<DemoData>();
        services.AddScoped<DemoStory>();

        // Pooled: the options are built once and contexts are reused, instead of both being built for every request.
        services.AddDbContextPool<TrainingHubDb>((sp, o) =>
        {
            ConfigureProvider(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<DataPaths>(),
                sp.GetRequiredService<IOptions<JobsOptions>>().Value.WorkerCount, sp.GetRequiredService<SqliteWriteGateInterceptor>());
            o.AddInterceptors(sp.GetRequiredService<XapiRecorder>());
        });

        services.AddMediator(o =>
        {
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(SiteScopeBehavior<,>), typeof(UnitOfWorkBehavior<,>)];
        });
        foreach (var type in typeof(TrainingHubServices).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var validator in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            {
                // Singletons: a validator is stateless and depends only on singletons (the catalog, rule books, options, the
                // clock), so its rules are built once rather than on every request. Scope validation in Development and the
                // tests would refuse a validator that took a scoped service.
                services.AddSingleton(validator, type);
            }
        }
        return services;
    }

    /// <summary>Accounts without the web's cookies: for hosts that create people but never sign them in (the CLI, tests).</summary>
    public static IServiceCollection AddTrainingHubAccountsWithoutSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var accounts = configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        services.AddIdentityCore<Person>(o => PasswordPolicy.Apply(o, accounts))
            .AddRoles<IdentityRole>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddEntityFrameworkStores<TrainingHubDb>();
        return services;
    }

    public static void ConfigureProvider(DbContextOptionsBuilder o, DatabaseOptions options, DataPaths paths, int jobWorkerCount, SqliteWriteGateInterceptor? writeGate = null)
    {
        // A lost race (two tabs' heartbeats, two workers issuing the same certificate or notice) fails SaveChanges and the
        // caller retries or answers it; EF Core would log each at Error, a line no operator needs to act on. What nobody
        // handles is still logged at Error, once, by LoggingBehavior or by the job that failed.
        o.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug)));
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var cs = string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? $"Data Source={Path.Combine(paths.InDataFolder("."), "traininghub.db")}"
                    : options.ConnectionString;
                o.UseSqlite(cs, x => x.MigrationsAssembly("TrainingHub.Migrations.Sqlite")).AddInterceptors(SqliteBusyTimeout.Instance);
                if (writeGate is not null) o.AddInterceptors(writeGate);
                break;
            case DatabaseProvider.SqlServer:
                o.UseSqlServer(options.ConnectionString, x => x.MigrationsAssembly("TrainingHub.Migrations.SqlServer"));
                break;
            case DatabaseProvider.PostgreSql:
                o.UseNpgsql(WithPostgreSqlDefaults(options.ConnectionString!, jobWorkerCount), x => x.MigrationsAssembly("TrainingHub.Migrations.PostgreSql"));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported.");
        }
    }

    /// <summary>
    /// The PostgreSQL connection string with the settings an operator left out filled in: prepared statements kept per
    /// connection (Max Auto Prepare=32) and no session reset when a connection goes back to the pool (nothing here changes
    /// session state), which together took heartbeats from about 500 to 1,000 a second; and a pool sized for one server
    /// (<see cref="PostgreSqlPoolSize"/>), so several servers stay under the database's connection limit (docs/deploy.md).
    /// EF Core and Hangfire both use it, so they share one pool.
    /// </summary>
    public static string WithPostgreSqlDefaults(string connectionString, int jobWorkerCount)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MAXAUTOPREPARE")) builder.MaxAutoPrepare = 32;
        if (!given.Contains("NORESETONCLOSE")) builder.NoResetOnClose = true;
        if (!given.Contains("MAXIMUMPOOLSIZE") && !given.Contains("MAXPOOLSIZE")) builder.MaxPoolSize = PostgreSqlPoolSize(jobWorkerCount);
        return builder.ConnectionString;
    }

    /// <summary>Connections one server may hold: 16 for requests and the jobs' own bookkeeping, and two per job worker.</summary>
    public static int PostgreSqlPoolSize(int jobWorkerCount) => 16 + 2 * jobWorkerCount;
}
