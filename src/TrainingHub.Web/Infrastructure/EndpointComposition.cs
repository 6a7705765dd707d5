using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;

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
            o.Conventions.AuthorizePage("/Courses/Guide");
            o.Conventions.AuthorizePage("/Courses/Progress");
            o.Conventions.AuthorizePage("/Courses/Quiz");
            o.Conventions.AuthorizePage("/Courses/QuizResult");
            o.Conventions.AuthorizeFolder("/My");
            o.Conventions.AllowAnonymousToPage("/Verify");
            o.Conventions.AuthorizeFolder("/Facilitate", Policies.Facilitation);
            o.Conventions.AuthorizeFolder("/Supervise", Policies.Supervision);
            o.Conventions.AuthorizeFolder("/Admin", Policies.InstituteAdmin);
            o.Conventions.AuthorizeFolder("/Institute", Policies.InstituteAdmin);
        }).AddViewLocalization().AddMvcOptions(o =>
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

    /// <summary>
    /// A person's calendar feed, for calendar apps that cannot sign in: the secret address is the key. Never cached, so a
    /// replaced address stops working everywhere at once; an unknown address is a plain 404.
    /// </summary>
    public static WebApplication MapCalendarFeed(this WebApplication app)
    {
        app.MapGet("/calendar/{token}.ics", async (string token, Mediator.ISender sender, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            try
            {
                return Results.Text(await sender.Send(new CalendarFeeds.Feed(token)), $"{SessionCalendar.ContentType}; charset=utf-8");
            }
            catch (NotFoundException e)
            {
                return Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }
        }).AllowAnonymous();
        return app;
    }
}
