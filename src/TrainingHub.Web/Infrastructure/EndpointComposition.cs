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
            o.Conventions.AuthorizeFolder("/Search");
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

    /// <summary>
    /// The institute's public keys for checking badges (the set, and each key at the address a badge's <c>kid</c> names),
    /// and the revocation status list every badge points at. Anyone may read them from any web page (CORS, GET only).
    /// </summary>
    public static WebApplication MapBadgeEndpoints(this WebApplication app)
    {
        app.MapGet("/.well-known/jwks.json", (InstituteSigningKeys keys) =>
            Results.Text(keys.JwkSetJson(), "application/jwk-set+json")).RequireCors(PublicReadCors.Policy);
        app.MapGet("/credentials/keys/{thumbprint}", (string thumbprint, InstituteSigningKeys keys) =>
            keys.Find(thumbprint) is { } key
                ? Results.Text(key.PublicJwkJson(), "application/jwk+json")
                : Results.Text("No signing key of this institute has that thumbprint.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound))
            .RequireCors(PublicReadCors.Policy);
        app.MapGet("/credentials/status/1", async (Mediator.ISender sender, HttpContext http) =>
        {
            var list = await sender.Send(new GetStatusList.Query());
            // The VC-JWT unless the client asks for JSON (a Data Integrity verifier sends application/ld+json or
            // application/vc): the same list, each form signed by the same key generation (ADR 0017).
            var json = WantsDataIntegrityList(http.Request);
            var etag = json ? list.DataIntegrityETag : list.ETag;
            http.Response.Headers.Vary = "Accept";
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = $"public, max-age={(int)GetStatusList.TimeToLive.TotalSeconds}";
            if (http.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
            return json ? Results.Text(list.DataIntegrity, "application/vc") : Results.Text(list.Jwt, "application/vc+jwt");
        }).RequireCors(PublicReadCors.Policy);
        app.MapPost("/api/verify", BoardVerifyAsync).AllowAnonymous().RequireRateLimiting(RateLimits.BoardVerify);
        return app;
    }

    /// <summary>True when the client prefers a JSON form of the status list over the VC-JWT.</summary>
    private static bool WantsDataIntegrityList(HttpRequest request)
    {
        foreach (var type in request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1))
        {
            var name = type.MediaType.Value;
            if (name is "application/vc+jwt" or "*/*") return false;
            if (name is "application/vc" or "application/vc+ld+json" or "application/ld+json" or "application/json") return true;
        }
        return false;
    }

    /// <summary>
    /// A board checks up to 100 codes at once: <c>Authorization: Bearer &lt;key&gt;</c>, body <c>{"codes": [...]}</c>. Each
    /// code gets the same answer as /verify/{code} as JSON. No key or a revoked one is 401, bad input 400, with a reason.
    /// </summary>
    private static async Task<IResult> BoardVerifyAsync(HttpContext http, Mediator.ISender sender)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        var key = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        BoardVerifyRequest? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<BoardVerifyRequest>(http.RequestAborted);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Send JSON such as {\"codes\": [\"7KQ2-M9XD-4TNB-0WJE-R8HC\"]} with Content-Type: application/json.");
        }
        var answer = await sender.Send(new TrainingHub.Features.Certificates.Verification.VerifyCodesForBoard.Query(key, body?.Codes));
        if (answer.KeyRefused is { } refused)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, refused);
        }
        if (answer.BadRequest is { } bad) return Problem(StatusCodes.Status400BadRequest, bad);
        return Results.Json(new { results = answer.Results.Select(VerificationAnswer.Body) });
    }

    private static IResult Problem(int status, string message) => Results.Json(new { message }, statusCode: status);

    private sealed record BoardVerifyRequest(IReadOnlyList<string?>? Codes);

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
