using System.Net;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class KeepSignedInTests(SiteFactory site)
{
    private async Task<string> AuthCookieAfterSignInAsync(bool keep)
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.TraineeB, ["Input.Password"] = DemoAccounts.Password };
        if (keep) fields["Input.KeepSignedIn"] = "true";
        var response = await SiteFactory.PostForm(site.Anonymous(), "/account/sign-in", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("TrainingHub.Auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keep_me_signed_in_gives_a_cookie_that_outlives_the_browser_and_otherwise_it_ends_with_the_browser()
    {
        Assert.Contains("expires=", await AuthCookieAfterSignInAsync(keep: true), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", await AuthCookieAfterSignInAsync(keep: false), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sign_in_page_offers_keep_me_signed_in_unticked_and_show_password()
    {
        var html = await site.Anonymous().GetStringAsync("/account/sign-in");
        Assert.Contains("Keep me signed in on this device", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.KeepSignedIn\" value=\"true\" checked", html, StringComparison.Ordinal);
        Assert.Contains("Show password", html, StringComparison.Ordinal);
    }
}
