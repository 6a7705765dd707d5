using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// On an upload page, says in plain words how large a file may be, for a request the server refuses before any page code
/// runs (it is over the page's request limit). Each upload page has one, so no upload ever ends on the generic error page.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class TooLargeMessageAttribute : Attribute
{
    public abstract string For(IServiceProvider services);
}

public static class Uploads
{
    /// <summary>
    /// A request whose declared size is over its page's limit is answered at once with 413 and the page's words naming the
    /// limit (shown by the error page), rather than failing while the form is read. Browsers always declare the size of a form.
    /// </summary>
    public static WebApplication UseUploadLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            var limit = endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                        ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            if (context.Request.ContentLength is { } length && limit is { } max && length > max)
            {
                var words = endpoint?.Metadata.GetMetadata<TooLargeMessageAttribute>()?.For(context.RequestServices)
                            ?? $"What you sent is too large: this form takes at most {Megabytes(max)} MB. Choose a smaller file.";
                context.Items[OutcomeExceptionFilter.MessageKey] = words;
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            await next();
        });
        return app;
    }

    /// <summary>
    /// A file someone uploaded, served back only as a download: never shown in the browser, never guessed at as another
    /// type, never able to run script or load anything if it is opened from the site, and not kept in any cache.
    /// </summary>
    public static FileContentResult UploadedFile(this PageModel page, byte[] content, string contentType, string downloadName)
    {
        var headers = page.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        return page.File(content, contentType, downloadName);
    }

    private static string Megabytes(long bytes) => (bytes / 1048576m).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
