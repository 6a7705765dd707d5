using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

/// <summary>
/// Names and e-mail addresses people type can be long and have no space to break at. On a 375-px phone they must wrap
/// inside the page (or scroll inside a table's own region), never push the whole page sideways. The phone sweep found a
/// People page 572 px wide because another test had invited someone with a long address; this test makes such values on
/// purpose, so the check does not depend on what other tests leave behind.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class LongValuesOnPhoneTests(SiteFixture site)
{
    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public async Task A_site_with_a_long_name_and_a_long_email_address_still_fits_a_phone()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var siteName = $"NorthwesternRegionalMedicationAssistedRecoveryCenter{unique}";
        var email = $"coordinator.northwestern.regional.recovery.center.{unique}@example-health-network.org";

        var admin = await site.NewPageAsync();
        await admin.SignInAndWaitForHomeAsync(DemoAccounts.Admin);
        await admin.GotoAsync("/institute/sites");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Invite a site", Exact = true }).ClickAsync();
        await admin.GetByLabel("Site's name").FillAsync(siteName);
        await admin.GetByLabel("State").SelectOptionAsync("OH");
        await admin.GetByLabel("Coordinator's full name").FillAsync($"Alexandrina{unique}Featherstonehaugh-Montgomery");
        await admin.GetByLabel("Coordinator's email address").FillAsync(email);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The invitation is sent.");
        var sitePage = new Uri(admin.Url).AbsolutePath; // /institute/sites/{id}
        var siteId = sitePage.Split('/')[^1];

        var problems = new List<string>();
        foreach (var path in new[] { sitePage, $"/sites/{siteId}/people", "/institute/sites" })
        {
            await admin.GotoAsync(path);
            await Expect(admin.GetByText(siteName, new() { Exact = false }).First).ToBeAttachedAsync();
            problems.AddRange(await admin.PhoneAndDesktopProblemsAsync());
        }
        await admin.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
