namespace TrainingHub.Web.Infrastructure;

public static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
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
        return app;
    }
}
