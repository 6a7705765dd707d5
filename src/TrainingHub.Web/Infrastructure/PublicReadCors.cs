namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Cross-origin reads of what a verifier needs (keys, status list, the JSON verification answer): any origin, GET only,
/// no credentials, so a board's own web page or a wallet can check a badge without a server of its own.
/// </summary>
public static class PublicReadCors
{
    public const string Policy = "public-read";

    public static IServiceCollection AddPublicReadCors(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy(Policy, p => p.AllowAnyOrigin().WithMethods("GET").WithHeaders("Accept", "If-None-Match").WithExposedHeaders("ETag")));
}
