using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// The sign-in cookie's ticket, decrypted once per cookie value for a few minutes instead of on every request (data
/// protection's key derivation, AES and HMAC, then the claims read back, on every page a signed-in person opens).
/// The same cookie text always decrypts to the same ticket, so this changes nothing a request sees: the cookie handler
/// still checks the ticket's expiry and the security stamp on every request, each request gets its own copy of the
/// principal and properties (a page or the stamp check may change them), and a cookie that does not decrypt is never
/// kept. What waits for the entry to age out is only a data-protection key revoked by hand, at most <see cref="Lifetime"/>.
/// </summary>
public sealed class SignInTicketCache(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Cookies kept at once; each is about 2 KB of cookie and its claims.</summary>
    public const int Capacity = 10_000;

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = Capacity, Clock = new Clock(time) });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null) return inner.Unprotect(protectedText, purpose);
        if (!_tickets.TryGetValue(protectedText, out AuthenticationTicket? ticket) || ticket is null)
        {
            ticket = inner.Unprotect(protectedText);
            if (ticket is null) return null;
            _tickets.Set(protectedText, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }
        return ticket.Clone();
    }

    public void Dispose() => _tickets.Dispose();

    private sealed class Clock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}

/// <summary>Wraps the sign-in cookie's ticket format (after the cookie handler has built it) in <see cref="SignInTicketCache"/>.</summary>
public sealed class CacheSignInTickets(TimeProvider time) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == IdentityConstants.ApplicationScheme && options.TicketDataFormat is not SignInTicketCache)
        {
            options.TicketDataFormat = new SignInTicketCache(options.TicketDataFormat, time);
        }
    }
}
