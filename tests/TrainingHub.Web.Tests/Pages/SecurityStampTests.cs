using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Domain;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>
/// A changed security stamp (a new password, a removed role) signs the person out everywhere once the cookie's stamp is
/// next checked. The site looks at the cookie's age itself before building Identity's validator; this proves the check
/// still happens when it is due and still keeps people signed in until then.
/// </summary>
public sealed class SecurityStampTests : IDisposable
{
    private const string Email = "trainee.b@demo.traininghub.test";
    private readonly SiteFactory _site = new();
    private readonly SettableClock _clock = new(DateTimeOffset.UtcNow);
    private readonly WebApplicationFactory<Program> _app;

    public SecurityStampTests() =>
        _app = _site.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));

    public void Dispose()
    {
        _app.Dispose();
        _site.Dispose();
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private async Task<HttpClient> SignedIn()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = Email, ["Input.Password"] = SiteFactory.DemoPassword });
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
        _clock.Now += TimeSpan.FromMinutes(29);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);

        _clock.Now += TimeSpan.FromMinutes(2);
        var after = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location?.PathAndQuery ?? after.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unchanged_stamp_keeps_the_person_signed_in_after_the_check()
    {
        var client = await SignedIn();
        _clock.Now += TimeSpan.FromMinutes(31);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
    }
}
