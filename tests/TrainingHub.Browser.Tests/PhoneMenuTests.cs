using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

/// <summary>The header on a phone: the links fold into a menu (a details disclosure) so the page's heading is on the first screen.</summary>
[Collection(SiteCollection.Name)]
public sealed class PhoneMenuTests(SiteFixture site)
{
    private const int ScreenHeight = 667;

    [Fact]
    public async Task On_a_phone_the_menu_is_folded_the_heading_is_on_the_first_screen_and_the_menu_opens_by_keyboard()
    {
        var page = await site.NewPageAsync(new ViewportSize { Width = PageActions.PhoneWidth, Height = ScreenHeight });
        // The institute admin has the most links, so the longest menu.
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Admin);
        var header = (await page.Locator("header.site-header").BoundingBoxAsync())!;
        // Measured 123 px with the admin's menu folded (about 300 px before the menu folded); the heading below must be on the first screen.
        Assert.True(header.Height <= 130, $"the header is {header.Height}px tall on a phone");
        var heading = (await page.Locator("main h1").First.BoundingBoxAsync())!;
        Assert.True(heading.Y + heading.Height <= ScreenHeight, $"the heading ends at {heading.Y + heading.Height}px, below the first screen");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav).ToBeHiddenAsync();
        var menu = page.Locator("details.menu > summary");
        await Expect(menu).ToHaveTextAsync("Menu");
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(nav).ToBeVisibleAsync();
        await Expect(page.Locator("details.menu")).ToHaveAttributeAsync("open", "");
        await page.AssertNoSeriousAccessibilityProblemsAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= PageActions.PhoneWidth, $"with the menu open the page is {width}px wide");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Courses", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/courses$"));
        await Expect(nav).ToBeHiddenAsync(); // a new page starts with the menu folded

        await menu.ClickAsync();
        await nav.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeAttachedAsync();
    }

    [Fact]
    public async Task On_a_wide_screen_the_links_show_without_opening_a_menu()
    {
        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Trainee);
        await Expect(page.Locator("details.menu > summary")).ToBeHiddenAsync();
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "My hours", Exact = true })).ToBeVisibleAsync();
        var header = (await page.Locator("header.site-header").BoundingBoxAsync())!;
        // Measured 168 px at the default 1280-px window: the links and the language switch take two rows.
        Assert.True(header.Height <= 180, $"the header is {header.Height}px tall on a wide screen");
        await page.AssertNoSeriousAccessibilityProblemsAsync();
    }
}
