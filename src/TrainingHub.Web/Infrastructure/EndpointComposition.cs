using TrainingHub.Features.Certificates.Badges;

namespace TrainingHub.Web.Infrastructure;

/// <summary>The Razor Pages (which folders need which policy, and the page filters) and the badge endpoints.</summary>
public static class EndpointComposition
{
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Dashboard");
            o.Conventions.AuthorizeFolder("/Home");
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
        return services;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>The institute's public key for checking badges, and the revocation status list every badge points at.</summary>
    public static WebApplication MapBadgeEndpoints(this WebApplication app)
    {
        app.MapGet("/.well-known/jwks.json", (InstituteSigningKeys keys) =>
            Results.Text(keys.JwkSetJson(), "application/jwk-set+json"));
        app.MapGet("/credentials/status/1", async (Mediator.ISender sender) =>
            Results.Text(await sender.Send(new GetStatusList.Query()), "application/vc+jwt"));
        return app;
    }
}
