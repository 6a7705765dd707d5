using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Domain;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>
/// A changed security stamp (a new password, a removed role) signs the person out everywhere once the cookie's stamp is
/// next checked. The site looks at the cookie's age itself before building Identity's validator; this proves the check
/// still happens when it is due and still keeps people signed in until then.
/// </summary>
public sealed class SecurityStampTests(SecurityStampTests.ClockedSite site) : IClassFixture<SecurityStampTests.ClockedSite>
{
    private const string Email = DemoAccounts.TraineeB;
    private readonly SiteFactory _app = site.Site;
    private readonly FakeTimeProvider _clock = site.Clock;

    /// <summary>
    /// One site for the class: each test signs in afresh, and a stamp changed by one test is the one the other's sign-in
    /// then carries; the clock only moves forward.
    /// </summary>
    public sealed class ClockedSite : IDisposable
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        public SiteFactory Site { get; }

        public ClockedSite() => Site = new SiteFactory { Clock = Clock };

        public void Dispose() => Site.Dispose();
    }

    private async Task<HttpClient> SignedIn()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = Email, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task ChangeStamp()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = await users.FindByEmailAsync(Email) ?? throw new InvalidOperationException(Email);
        Assert.True((await users.UpdateSecurityStampAsync(person)).Succeeded);
    }

    [Fact]
    public async Task A_changed_stamp_signs_the_person_out_when_the_check_is_due_and_not_before()
    {
        var client = await SignedIn();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);

        await ChangeStamp();
        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(2));
        var after = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location?.PathAndQuery ?? after.Headers.Location?.OriginalString);
    }

    [Fact]
    public void The_sign_in_cookie_is_read_through_the_ticket_cache_so_these_checks_run_on_cached_tickets()
    {
        var cookie = _app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.IsType<SignInTicketCache>(cookie.TicketDataFormat);
    }

    [Fact]
    public async Task An_unchanged_stamp_keeps_the_person_signed_in_after_the_check()
    {
        var client = await SignedIn();
        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
    }
}
