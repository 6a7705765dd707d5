using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class RenewalJourneyTests(SiteFixture site)
{
    [Fact]
    public async Task A_coach_sees_their_renewal_progress_and_next_step_on_a_375_pixel_phone()
    {
        var page = await site.NewPageAsync(new ViewportSize { Width = 375, Height = 812 });
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Coach);
        await page.GotoAsync("/my/credentials");

        var held = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Credentials you hold" }) });
        await Expect(held.GetByRole(AriaRole.Heading, new() { Name = "Connecticut Certified Peer Recovery Specialist (CPRS)" })).ToBeVisibleAsync();
        await Expect(held).ToContainTextAsync("days left to renew");
        await Expect(held).ToContainTextAsync("Ethics continuing education: 0 of 6 hours");
        await Expect(held).ToContainTextAsync("These renewal rules were not confirmed with the board.");
        await Expect(held.GetByRole(AriaRole.Link, new() { Name = "Renewal packet (PDF) for Connecticut Certified Peer Recovery Specialist (CPRS)" })).ToBeVisibleAsync();

        var next = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Next step: Connecticut Certified Addiction Counselor (CAC)" }) });
        await Expect(next).ToContainTextAsync("You hold the Connecticut Certified Peer Recovery Specialist (CPRS).");
        await Expect(next.GetByRole(AriaRole.Heading, new() { Name = "Education hours" })).ToBeVisibleAsync();
        await Expect(next.GetByRole(AriaRole.Heading, new() { Name = "Supervised work" })).ToBeVisibleAsync();
        await Expect(next).ToContainTextAsync("Pass the IC&RC Alcohol and Drug Counselor exam.");
        await Expect(next).ToContainTextAsync("(not confirmed with the board)");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the phone");
        await page.AssertNoSeriousAccessibilityProblemsAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            held.GetByRole(AriaRole.Link, new() { Name = "Renewal packet (CSV) for Connecticut Certified Peer Recovery Specialist (CPRS)" }).ClickAsync());
        Assert.Equal("renewal-packet-casey-morgan.csv", download.SuggestedFilename);
    }
}
