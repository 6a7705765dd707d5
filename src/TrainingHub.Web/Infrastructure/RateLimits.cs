using System.Threading.RateLimiting;
using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Infrastructure;

/// <summary>Per-address limits on the pages a stranger can hammer: sign-in and password reset, and certificate look-ups.</summary>
public static class RateLimits
{
    public const string Account = "account";
    public const string Verify = "verify";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var accounts = configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Account, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = accounts.RequestsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1) }));
            var verifyLimit = configuration.GetSection(CertificateOptions.Section).Get<CertificateOptions>()?.VerifyRequestsPerMinute ?? new CertificateOptions().VerifyRequestsPerMinute;
            o.AddPolicy(Verify, http => RateLimitPartition.GetFixedWindowLimiter(
                "verify:" + (http.Connection.RemoteIpAddress?.ToString() ?? "local"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = verifyLimit, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }
}
