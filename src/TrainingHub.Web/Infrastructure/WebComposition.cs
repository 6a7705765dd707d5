using System.Threading.RateLimiting;
using Hangfire;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;
using TrainingHub.Infrastructure;
using TrainingHub.Jobs;

namespace TrainingHub.Web.Infrastructure;

public static class WebComposition
{
    public const string AccountRateLimit = "account";
    public const string VerifyRateLimit = "verify";

    public static WebApplicationBuilder AddTrainingHub(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddTrainingHubCore(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<IRequestOrigin, HttpRequestOrigin>();

        var accounts = configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        services.AddIdentity<Person, IdentityRole>(o => PasswordPolicy.Apply(o, accounts))
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddEntityFrameworkStores<TrainingHubDb>()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(accounts.PasswordResetLinkHours));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "TrainingHub.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Identity checks a cookie's security stamp against the database once per SecurityStampValidatorOptions
            // interval. Its validator is built (with the sign-in and user managers behind it) on every request just to
            // find the check is not yet due; look at the cookie's age first and build it only when the check is due.
            o.Events.OnValidatePrincipal = context =>
            {
                var stamp = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
                var now = (stamp.TimeProvider ?? TimeProvider.System).GetUtcNow();
                return context.Properties.IssuedUtc is { } issued && now - issued <= stamp.ValidationInterval
                    ? Task.CompletedTask
                    : SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        services.AddAntiforgery(o => o.Cookie.Name = "TrainingHub.Antiforgery");
        KeyProtection.Configure(builder);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.InstituteAdmin, p => p.RequireRole(Roles.InstituteAdmin))
            .AddPolicy(Policies.SiteStaff, p => p.RequireRole(Roles.Supervisor, Roles.SiteCoordinator, Roles.InstituteAdmin))
            .AddPolicy(Policies.Facilitation, p => p.RequireRole(Roles.Facilitator, Roles.SiteCoordinator, Roles.InstituteAdmin))
            .AddPolicy(Policies.Supervision, p => p.RequireRole(Roles.Supervisor));

        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Dashboard");
            o.Conventions.AuthorizeFolder("/Sites", Policies.SiteStaff);
            o.Conventions.AuthorizePage("/Courses/Lesson");
            o.Conventions.AuthorizePage("/Courses/Progress");
            o.Conventions.AuthorizePage("/Courses/Quiz");
            o.Conventions.AuthorizePage("/Courses/QuizResult");
            o.Conventions.AuthorizeFolder("/My");
            o.Conventions.AllowAnonymousToPage("/Verify");
            o.Conventions.AuthorizeFolder("/Facilitate", Policies.Facilitation);
            o.Conventions.AuthorizeFolder("/Supervise", Policies.Supervision);
            o.Conventions.AuthorizeFolder("/Admin", Policies.InstituteAdmin);
            o.Conventions.AuthorizeFolder("/Institute", Policies.InstituteAdmin);
        }).AddMvcOptions(o =>
        {
            o.Filters.Add<OutcomeExceptionFilter>();
            // Inside the outcome filter, so a "not found" thrown while a page reloads for its messages still becomes a 404.
            o.Filters.Add<ValidationPageFilter>();
            o.Filters.Add<SiteRouteFilter>();
            // Validation messages come from the FluentValidation validators, in plain words, not from implicit [Required].
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AccountRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = accounts.RequestsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1) }));
            var verifyLimit = configuration.GetSection(CertificateOptions.Section).Get<CertificateOptions>()?.VerifyRequestsPerMinute ?? new CertificateOptions().VerifyRequestsPerMinute;
            o.AddPolicy(VerifyRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                "verify:" + (http.Connection.RemoteIpAddress?.ToString() ?? "local"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = verifyLimit, Window = TimeSpan.FromMinutes(1) }));
        });

        AddJobs(builder);
        return builder;
    }

    private static void AddJobs(WebApplicationBuilder builder)
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
                DatabaseProvider.PostgreSql => new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, new PostgreSqlStorageOptions())),
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
        builder.Services.AddSingleton<TrainingHub.Features.Outbox.IOutboxKick, HangfireOutboxKick>();
        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer(o => o.WorkerCount = jobs.WorkerCount);
        }
    }

    /// <summary>Migrates the database and loads the course content before the first request; a problem stops start-up.</summary>
    public static async Task PrepareTrainingHubAsync(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<Content.CourseCatalog>();
        _ = app.Services.GetRequiredService<Content.OnboardingGuide>();
        _ = app.Services.GetRequiredService<Content.CredentialRuleBook>();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(app.Lifetime.ApplicationStopping);
    }

    public static WebApplication MapTrainingHub(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use(async (context, next) =>
        {
            var h = context.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "same-origin";
            // The Hangfire dashboard needs inline script; every page of ours works with scripts from the site only.
            var script = context.Request.Path.StartsWithSegments("/jobs") ? "'self' 'unsafe-inline'" : "'self'";
            h.ContentSecurityPolicy = $"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src {script}; frame-ancestors 'none'; form-action 'self'";
            await next();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            // Access is decided by the endpoint's authorization policy, not by Hangfire's local-requests-only default.
            Authorization = [],
            DashboardTitle = "TrainingHub jobs",
            AppPath = "/",
        }, app.Services.GetRequiredService<JobStorage>()).RequireAuthorization(Policies.InstituteAdmin);

        app.MapGet("/.well-known/jwks.json", (TrainingHub.Certificates.InstituteSigningKeys keys) =>
            Results.Text(keys.JwkSetJson(), "application/jwk-set+json"));
        app.MapGet("/credentials/status/1", async (Mediator.ISender sender) =>
            Results.Text(await sender.Send(new TrainingHub.Features.CertificateIssuance.GetStatusList.Query()), "application/vc+jwt"));

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

public static class Policies
{
    public const string InstituteAdmin = "InstituteAdmin";
    public const string SiteStaff = "SiteStaff";
    public const string Facilitation = "Facilitation";
    public const string Supervision = "Supervision";
}

/// <summary>After a commit that queued outbox work, a background job handles it now rather than at the next minutely pass.</summary>
internal sealed class HangfireOutboxKick(IBackgroundJobClient jobs) : TrainingHub.Features.Outbox.IOutboxKick
{
    public void Kick() => jobs.Enqueue<OutboxJob>(j => j.RunAsync());
}

internal sealed class HttpRequestOrigin(IHttpContextAccessor accessor) : IRequestOrigin
{
    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "local";
}
