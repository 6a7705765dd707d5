using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

/// <summary>Dark mode, print, the sign-in conveniences and error summaries in the order of their fields.</summary>
[Collection(SiteCollection.Name)]
public sealed class PolishTests(SiteFixture site)
{
    [Fact]
    public async Task Dark_mode_follows_the_device_and_stays_readable_by_axe_on_a_phone_and_a_desktop()
    {
        var page = await site.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        var problems = new List<string>();
        await page.GotoAsync("/account/sign-in");
        Assert.True(await page.EvaluateAsync<bool>(DarkBackground), "the page stays light when the device asks for dark");
        problems.AddRange(await page.PhoneAndDesktopProblemsAsync());
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Trainee);
        var lesson = site.Catalog.Find("recovery-coach")!.Lessons.First();
        foreach (var path in new[] { "/dashboard", "/courses", "/courses/recovery-coach", $"/courses/recovery-coach/lessons/{lesson.Id}", "/my/certificates", "/my/practicum" })
        {
            await page.GotoAsync(path);
            problems.AddRange(await page.PhoneAndDesktopProblemsAsync());
        }
        await page.GotoAsync("/dashboard");
        await page.PhoneScreenshotAsync("dark-dashboard");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private const string DarkBackground = """
        () => {
          const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
          return 0.2126 * r + 0.7152 * g + 0.0722 * b < 60;
        }
        """;

    [Fact]
    public async Task A_printed_lesson_leaves_out_the_navigation_the_seat_time_bar_and_the_buttons()
    {
        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Trainee);
        var lesson = site.Catalog.Find("recovery-coach")!.Lessons.First(l => l.Delivery == TrainingHub.Content.LessonDelivery.SelfPaced);
        await page.GotoAsync($"/courses/recovery-coach/lessons/{lesson.Id}");
        await Expect(page.Locator("#seat-time")).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.Locator("#seat-time")).ToBeHiddenAsync();
        await Expect(page.Locator(".lesson-body")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".button:visible").CountAsync());
    }

    [Fact]
    public async Task Show_password_reveals_what_was_typed_and_hides_it_again()
    {
        var page = await site.NewPageAsync(new ViewportSize { Width = PageActions.PhoneWidth, Height = 740 });
        await page.GotoAsync("/account/sign-in");
        var password = page.GetByLabel("Password", new() { Exact = true });
        await password.FillAsync("a garden of patient words");
        await Expect(password).ToHaveAttributeAsync("type", "password");

        await page.GetByLabel("Show password").CheckAsync();
        await Expect(password).ToHaveAttributeAsync("type", "text");
        await page.GetByLabel("Show password").UncheckAsync();
        await Expect(password).ToHaveAttributeAsync("type", "password");
        await Expect(page.GetByLabel("Keep me signed in on this device")).Not.ToBeCheckedAsync();
        await page.AssertNoSeriousAccessibilityProblemsAsync();
        await page.PhoneScreenshotAsync("sign-in");
    }

    [Fact]
    public async Task The_error_summary_lists_problems_in_the_order_of_the_fields()
    {
        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Trainee);
        await page.GotoAsync("/my/practicum");
        // The form asks for the setting before the description; the validator checks the description first.
        await page.Locator("#Input_Setting").FillAsync(new string('x', 201));
        await page.Locator("#Input_Description").FillAsync("");
        await page.Locator("form:has(#Input_Setting) button[type=submit]").First.ClickAsync();

        var links = page.Locator("#error-summary a");
        await Expect(links.First).ToBeVisibleAsync();
        var targets = await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var order = targets.Select(t => t.TrimStart('#')).ToList();
        Assert.Contains("Input_Setting", order);
        Assert.Contains("Input_Description", order);
        Assert.True(order.IndexOf("Input_Setting") < order.IndexOf("Input_Description"), string.Join(", ", order));
    }
}
