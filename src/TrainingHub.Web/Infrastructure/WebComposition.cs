using TrainingHub.Data;
using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Infrastructure;

/// <summary>The site's composition: each concern registers and maps itself through its own extension method.</summary>
public static class WebComposition
{
    public static WebApplicationBuilder AddTrainingHub(this WebApplicationBuilder builder)
    {
        builder.UseServedAddressInDevelopment();
        builder.Services.AddTrainingHubCore(builder.Configuration);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddProxies();
        builder.Services.AddScoped<IRequestOrigin, HttpRequestOrigin>();
        builder.AddIdentityAndCookies();
        builder.AddSiteLocalization();
        builder.Services.AddAuthorizationPolicies();
        builder.Services.AddPages();
        builder.Services.AddLessonShell(builder.Configuration);
        builder.AddRateLimits();
        builder.Services.AddPublicReadCors();
        builder.AddJobs();
        return builder;
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
        app.UseProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSecurityHeaders();
        app.UseCookiePolicy();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseSiteLocalization();
        app.UseAuthorization();
        app.UseUploadLimits();
        app.UseLessonShell();
        app.MapPages();
        app.MapJobsDashboard();
        app.MapBadgeEndpoints();
        app.MapCalendarFeed();
        app.ScheduleRecurringJobs();
        return app;
    }
}

internal sealed class HttpRequestOrigin(IHttpContextAccessor accessor) : IRequestOrigin
{
    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "local";
}
