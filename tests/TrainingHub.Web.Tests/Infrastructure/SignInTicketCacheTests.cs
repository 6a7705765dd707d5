using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Tests.Infrastructure;

/// <summary>
/// The sign-in cookie's ticket is decrypted once per cookie for a few minutes: each cookie still reads as its own person,
/// each request gets its own copy, a cookie that does not decrypt is refused every time, and after the lifetime the
/// cookie is decrypted again. Real data protection and the cookie handler's own ticket format throughout.
/// </summary>
public sealed class SignInTicketCacheTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly Decrypting _format = new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("sign-in ticket cache tests")));

    /// <summary>The real ticket format, counting how often it decrypts.</summary>
    private sealed class Decrypting(TicketDataFormat format) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Decryptions { get; private set; }

        public string Protect(AuthenticationTicket data) => format.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => format.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Decryptions++;
            return format.Unprotect(protectedText, purpose);
        }
    }

    private static AuthenticationTicket Ticket(string personId, params string[] roles)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, personId), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "Identity.Application");
        return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow }, "Identity.Application");
    }

    [Fact]
    public void Each_cookie_reads_as_its_own_person_and_is_decrypted_once_within_the_lifetime()
    {
        using var cache = new SignInTicketCache(_format, _clock);
        var terry = cache.Protect(Ticket("terry", "Trainee"));
        var fran = cache.Protect(Ticket("fran", "Facilitator"));

        for (var i = 0; i < 3; i++)
        {
            var t = cache.Unprotect(terry)!;
            var f = cache.Unprotect(fran)!;
            Assert.Equal("terry", t.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
            Assert.False(t.Principal.IsInRole("Facilitator"));
            Assert.Equal("fran", f.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
            Assert.True(f.Principal.IsInRole("Facilitator"));
        }
        Assert.Equal(2, _format.Decryptions);

        _clock.Advance(SignInTicketCache.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Equal("terry", cache.Unprotect(terry)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(3, _format.Decryptions);
    }

    [Fact]
    public void Each_request_gets_its_own_copy_of_the_principal_and_properties()
    {
        using var cache = new SignInTicketCache(_format, _clock);
        var cookie = cache.Protect(Ticket("terry", "Trainee"));

        var first = cache.Unprotect(cookie)!;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "InstituteAdmin"));
        first.Properties.IssuedUtc = DateTimeOffset.UnixEpoch;

        var second = cache.Unprotect(cookie)!;
        Assert.False(second.Principal.IsInRole("InstituteAdmin"));
        Assert.NotEqual(DateTimeOffset.UnixEpoch, second.Properties.IssuedUtc);
        Assert.NotSame(first.Principal, second.Principal);
    }

    [Fact]
    public void A_cookie_that_does_not_decrypt_is_refused_every_time_and_never_kept()
    {
        using var cache = new SignInTicketCache(_format, _clock);
        var cookie = cache.Protect(Ticket("terry"));
        var tampered = cookie[..^4] + (cookie[^4] == 'A' ? "BBBB" : "AAAA");

        Assert.Null(cache.Unprotect(tampered));
        Assert.Null(cache.Unprotect(tampered));
        Assert.Equal(2, _format.Decryptions);
        Assert.Equal("terry", cache.Unprotect(cookie)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
    }
}
