using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// In Development, links in e-mails, QR codes and badges name the address the site is served on (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, the launch profile) unless <c>Institute:PublicBaseUrl</c> is set: a demo started on another
/// port must not send links to localhost:5000. Elsewhere the setting is required to be right, as only an operator knows it.
/// </summary>
public static class PublicAddress
{
    public static readonly string Key = $"{InstituteOptions.Section}:{nameof(InstituteOptions.PublicBaseUrl)}";

    public static WebApplicationBuilder UseServedAddressInDevelopment(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(builder.Configuration[Key])) return builder;
        if (FromServerUrls(builder.Configuration[WebHostDefaults.ServerUrlsKey]) is { } served)
        {
            builder.Configuration[Key] = served;
        }
        return builder;
    }

    /// <summary>The first address the server listens on, as a browser on this machine reaches it; null when there is none.</summary>
    public static string? FromServerUrls(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return null;
        // Kestrel's wildcards (http://*:8080, http://+:8080, 0.0.0.0, [::]) are not addresses a browser can open.
        var schemeEnd = first.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return null;
        var rest = first[(schemeEnd + 3)..];
        var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']', StringComparison.Ordinal) + 1 : rest.IndexOfAny([':', '/']);
        var host = hostEnd <= 0 ? rest : rest[..hostEnd];
        if (host is "*" or "+" or "0.0.0.0" or "[::]") first = first[..(schemeEnd + 3)] + "localhost" + rest[host.Length..];
        if (!Uri.TryCreate(first, UriKind.Absolute, out var uri) || uri.Port == 0) return null;
        return uri.GetLeftPart(UriPartial.Authority);
    }
}
