using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class SignInTests(SiteFixture site)
{
    [Fact]
    public async Task Wrong_password_shows_a_plain_message_next_to_the_form()
    {
        var page = await site.NewPageAsync();

        await page.SignInAsync(DemoAccounts.Supervisor, "Not-the-right-password-1");

        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToContainTextAsync("We could not sign you in with that email address and password");
        // The message sits just above the form it is about, not on another page.
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        await Expect(page.Locator("#error-summary + form").GetByLabel("Email address")).ToHaveValueAsync(DemoAccounts.Supervisor);
        await page.AssertNoSeriousAccessibilityProblemsAsync();
    }
}
