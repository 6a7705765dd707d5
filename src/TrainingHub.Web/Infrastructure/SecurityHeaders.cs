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
            // Nothing of ours uses these; a page that was ever made to load someone else's script still cannot ask for them.
            h["Permissions-Policy"] = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()";
            // Whatever the site answers (pages, CSVs, packets, certificates, uploaded files) may be personal: no browser or
            // proxy keeps a copy. Static files (styles, scripts, fonts) are not endpoints and keep their caching.
            context.Response.OnStarting(() =>
            {
                if (context.GetEndpoint() is not null && !h.ContainsKey("Cache-Control")) h.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            // The Hangfire dashboard needs inline script; every page of ours works with scripts from the site only.
            var script = context.Request.Path.StartsWithSegments("/jobs") ? "'self' 'unsafe-inline'" : "'self'";
            h.ContentSecurityPolicy = $"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src {script}; frame-ancestors 'none'; form-action 'self'";
            await next();
        });
        return app;
    }
}
