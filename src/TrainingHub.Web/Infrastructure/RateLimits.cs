using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Infrastructure;

/// <summary>Per-client limits on the pages a stranger can hammer: sign-in and password reset, and certificate look-ups.</summary>
public static class RateLimits
{
    public const string Account = "account";
    public const string Verify = "verify";
    public const string BoardVerify = "board-verify";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The limits are the validated options, read when a request arrives: one source for the limiter and the rest
            // of the site, rather than a second reading of configuration while the site is composed.
            o.AddPolicy(Account, http => PerClient(http, Account, Options<AccountOptions>(http).RequestsPerMinutePerAddress));
            o.AddPolicy(Verify, http => PerClient(http, Verify, Options<CertificateOptions>(http).VerifyRequestsPerMinute));
            // One budget per board key (by a hash of the header, so the key itself is never held as a partition name); a
            // request without a key shares its address's budget.
            o.AddPolicy(BoardVerify, http => http.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization
                ? RateLimitPartition.GetFixedWindowLimiter($"{BoardVerify}:{TrainingHub.Features.Certificates.Verification.BoardVerificationKeys.Hash(authorization)}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Options<CertificateOptions>(http).BoardVerifyRequestsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : PerClient(http, BoardVerify, Options<CertificateOptions>(http).BoardVerifyRequestsPerMinute));
        });
        return builder;
    }

    /// <summary>
    /// One budget per client address, as the forwarded headers from a trusted proxy gave it (they are applied first):
    /// keyed on the proxy's own address, every visitor behind it would share one budget.
    /// </summary>
    private static RateLimitPartition<string> PerClient(HttpContext http, string policy, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter($"{policy}:{http.Connection.RemoteIpAddress?.ToString() ?? "local"}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });

    private static T Options<T>(HttpContext http) where T : class => http.RequestServices.GetRequiredService<IOptions<T>>().Value;
}
