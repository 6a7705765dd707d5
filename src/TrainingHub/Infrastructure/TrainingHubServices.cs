using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features;
using TrainingHub.Features.Accounts;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Sites;

namespace TrainingHub.Infrastructure;

public static class TrainingHubServices
{
    /// <summary>Everything the application needs whatever its host (the site, the CLI, tests): options, data, content, mediator.</summary>
    public static IServiceCollection AddTrainingHubCore(this IServiceCollection services, IConfiguration configuration)
    {
        AddSection<DatabaseOptions>(services, configuration, DatabaseOptions.Section);
        AddSection<ContentOptions>(services, configuration, ContentOptions.Section);
        AddSection<EmailOptions>(services, configuration, EmailOptions.Section);
        AddSection<AccountOptions>(services, configuration, AccountOptions.Section);
        AddSection<InstituteOptions>(services, configuration, InstituteOptions.Section);
        AddSection<DemoDataOptions>(services, configuration, DemoDataOptions.Section);
        AddSection<JobsOptions>(services, configuration, JobsOptions.Section);
        AddSection<LearningRecordOptions>(services, configuration, LearningRecordOptions.Section);
        AddSection<SignOffOptions>(services, configuration, SignOffOptions.Section);
        AddSection<CertificateOptions>(services, configuration, CertificateOptions.Section);
        AddSection<InvitationOptions>(services, configuration, InvitationOptions.Section);
        AddSection<CredentialOptions>(services, configuration, CredentialOptions.Section);
        AddSection<KeyProtectionOptions>(services, configuration, KeyProtectionOptions.Section);

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
        services.AddScoped<Features.Sites.InvitationLinks>();
        services.AddScoped<Features.Sites.SiteMembers>();
        services.AddScoped<Features.Sites.RosterPlanner>();
        services.AddScoped<Features.Sites.ReportNumbers>();
        services.AddScoped<Features.LearningRecord.HoursLedger>();
        services.AddScoped<Features.LearningRecord.CompletionCheck>();
        services.AddScoped<Features.Sessions.CohortAccess>();
        services.AddScoped<Features.SignOffs.SupervisorRules>();
        services.AddSingleton(sp => CredentialRulesLoader.LoadOrThrow(sp.GetRequiredService<DataPaths>().ContentFolder,
            sp.GetRequiredService<CourseCatalog>().Domains.Select(d => d.Tag).ToList()));
        services.AddScoped<Features.Credentials.CredentialAccess>();
        services.AddScoped<Features.Credentials.PersonRecords>();
        services.AddScoped<Features.Credentials.OutsideCertificateFiles>();
        services.AddScoped<Jobs.EligibilityJob>();
        services.AddScoped<Outbox>();
        services.AddScoped<UnitOfWork>();
        services.TryAddSingleton<IOutboxKick, NoOutboxKick>();
        services.AddOutboxHandler<EligibilityReached, EligibilityNoticeEmail>();
        services.AddOutboxHandler<SignOffDecided, SignOffDecisionEmail>();
        services.AddOutboxHandler<CertificateRequested, Features.CertificateIssuance.CertificateRequestWork>();
        services.AddOutboxHandler<CertificateEmailDue, Features.CertificateIssuance.CertificateEmailWork>();
        services.AddScoped<Features.CertificateIssuance.CertificateIssuer>();
        services.AddSingleton<Features.CertificateIssuance.CertificateSnapshot>();
        services.AddSingleton<Certificates.InstituteSigningKeys>();
        services.AddSingleton(sp => sp.GetRequiredService<Certificates.InstituteSigningKeys>().Current);
        // Keys for cookies, antiforgery tokens and reset links, in the database so every server reads what another wrote.
        services.AddDataProtection().SetApplicationName("TrainingHub").PersistKeysToDbContext<TrainingHubDb>();
        services.AddScoped<Jobs.OutboxJob>();
        services.AddScoped<Jobs.SupervisorDigestJob>();
        services.AddScoped<DatabaseStartup>();
        services.AddScoped<DemoData>();

        // Pooled: the options are built once and contexts are reused, instead of both being built for every request.
        services.AddDbContextPool<TrainingHubDb>((sp, o) => ConfigureProvider(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<DataPaths>(),
            sp.GetRequiredService<SqliteWriteGateInterceptor>()));

        services.AddMediator(o =>
        {
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(UnitOfWorkBehavior<,>)];
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

    public static void ConfigureProvider(DbContextOptionsBuilder o, DatabaseOptions options, DataPaths paths, SqliteWriteGateInterceptor? writeGate = null)
    {
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
                o.UseNpgsql(options.ConnectionString, x => x.MigrationsAssembly("TrainingHub.Migrations.PostgreSql"));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported.");
        }
    }

    private static void AddSection<T>(IServiceCollection services, IConfiguration configuration, string section) where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
    }
}
