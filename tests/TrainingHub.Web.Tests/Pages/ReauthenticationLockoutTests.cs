using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>
/// The password a supervisor types to sign off is their sign-in password and shares its lockout (docs/decisions/0014), so a
/// borrowed session cannot be used to guess it without limit. Its own site: it locks the supervisor's account.
/// </summary>
public sealed class ReauthenticationLockoutTests
{
    [Fact]
    public async Task A_wrong_password_at_sign_off_counts_toward_the_sign_in_lockout_and_a_paused_account_cannot_sign_off()
    {
        using var site = new SiteFactory();
        var entry = await Seed.CreditLessonAsync(site.Services, DemoAccounts.Trainee, "ethics", 1);
        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);
        var stranger = site.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            await SiteFactory.PostForm(stranger, "/account/sign-in", new() { ["Input.Email"] = DemoAccounts.Supervisor, ["Input.Password"] = $"a guess {i}" });
        }

        var fifth = await SiteFactory.PostForm(supervisor, "/supervise?handler=Approve", Approval(entry, "not my password"), formPage: "/supervise");
        Assert.Contains("After several wrong passwords your account is paused for a few minutes.", WebUtility.HtmlDecode(await fifth.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var rightPassword = await SiteFactory.PostForm(supervisor, "/supervise?handler=Approve", Approval(entry, DemoAccounts.Password), formPage: "/supervise");
        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Contains("After several wrong passwords your account is paused", WebUtility.HtmlDecode(await rightPassword.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().SignOffItems.AnyAsync(i => i.SubjectId == entry));
        }

        // Locked at sign-in too: the right password does not open a new session.
        var again = site.Anonymous();
        var signIn = await SiteFactory.PostForm(again, "/account/sign-in", new() { ["Input.Email"] = DemoAccounts.Supervisor, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/dashboard")).StatusCode);
    }

    private static Dictionary<string, string> Approval(Guid entry, string password) => new()
    {
        ["Selected"] = $"Hours:{entry}",
        ["Input.AttestationConfirmed"] = "true",
        ["Input.TypedName"] = "Dennis Okafor",
        ["Input.Password"] = password,
    };
}
