using System.Net;
using System.Security.Claims;
using TrainingHub.Domain;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>Each role lands on its own page after signing in, and a person with several roles can switch between them.</summary>
[Collection(SiteCollection.Name)]
public sealed class RoleHomeTests(SiteFactory site)
{
    [Theory]
    [InlineData(DemoAccounts.Trainee, "/dashboard", "My courses")]
    [InlineData(DemoAccounts.Supervisor, "/supervise", "Hours waiting for your sign-off")]
    [InlineData(DemoAccounts.Facilitator, "/facilitate", "My cohorts")]
    [InlineData(DemoAccounts.Coordinator, "/sites", "My sites")]
    [InlineData(DemoAccounts.Admin, "/institute", "Institute overview")]
    public async Task Signing_in_lands_each_demo_role_on_its_own_home(string email, string home, string heading)
    {
        var client = site.Anonymous();
        var signIn = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/home", signIn.Headers.Location!.OriginalString);
        var landing = await client.GetAsync("/home");
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal(home, landing.Headers.Location!.OriginalString);
        var page = await client.GetAsync(home);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(heading, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_address_still_wins_over_the_role_home()
    {
        var client = site.Anonymous();
        var signIn = await SiteFactory.PostForm(client, "/account/sign-in?ReturnUrl=%2Fmy%2Fhours",
            new() { ["Input.Email"] = DemoAccounts.Supervisor, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal("/my/hours", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_institute_overview_links_every_admin_page()
    {
        var html = await (await site.SignedIn(DemoAccounts.Admin)).GetStringAsync("/institute");
        foreach (var link in new[] { "/admin/certificates", "/admin/sign-offs", "/admin/outbox", "/institute/reports", "/institute/sites", "/institute/facilitators", "/institute/credentials", "/sites", "/jobs" })
        {
            Assert.Contains($"href=\"{link}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_person_with_one_role_sees_no_role_switch()
    {
        var html = await (await site.SignedIn(DemoAccounts.Supervisor)).GetStringAsync("/supervise");
        Assert.DoesNotContain("aria-label=\"Your roles\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_with_several_roles_lands_on_the_first_and_can_switch_to_each()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, Roles.Facilitator), new Claim(ClaimTypes.Role, Roles.Supervisor), new Claim(ClaimTypes.Role, Roles.Trainee)], "test"));
        Assert.Equal(["/supervise", "/facilitate", "/dashboard"], RoleHomes.For(user).Select(h => h.Path));
        Assert.Equal("/supervise", RoleHomes.LandingFor(user));
    }
}
