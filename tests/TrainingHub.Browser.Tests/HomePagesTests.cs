using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

/// <summary>Each person's home: the trainee's "what next" page and each staff role's own landing page, on a phone and a desktop.</summary>
[Collection(SiteCollection.Name)]
public sealed class HomePagesTests(SiteFixture site)
{
    [Fact]
    public async Task The_trainee_home_shows_progress_and_continue_opens_a_lesson()
    {
        var course = site.Catalog.Find("recovery-coach")!;
        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Trainee);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));

        var card = page.Locator("article.course-card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = course.Title }) });
        await Expect(card.Locator(".progress-line")).ToContainTextAsync($"of {course.Hours:0.##} hours");
        await Expect(card.Locator(".progress-bar")).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync($"of {course.Lessons.Count()} lessons done");
        var problems = await page.PhoneAndDesktopProblemsAsync();
        await page.PhoneScreenshotAsync("trainee-home");
        foreach (var path in new[] { "/my/hours", "/my/credentials" })
        {
            await page.GotoAsync(path);
            await page.PhoneScreenshotAsync(path.Replace("/", "-", StringComparison.Ordinal).Trim('-'));
        }

        await page.GotoAsync("/dashboard");
        var button = card.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^(Start|Continue): ") });
        var lessonTitle = Regex.Replace(await button.InnerTextAsync(), "^(Start|Continue): ", "");
        await button.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/courses/recovery-coach/lessons/"));
        await Expect(page.Locator("main > h1")).ToHaveTextAsync(lessonTitle);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData(DemoAccounts.Supervisor, "/supervise", "Hours waiting for your sign-off")]
    [InlineData(DemoAccounts.Facilitator, "/facilitate", "My cohorts")]
    [InlineData(DemoAccounts.Coordinator, "/sites", "My sites")]
    [InlineData(DemoAccounts.Admin, "/institute", "Institute overview")]
    public async Task Each_staff_role_lands_on_its_own_page(string email, string home, string heading)
    {
        var page = await site.NewPageAsync();
        await page.SignInAsync(email);
        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(home)}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        var problems = await page.PhoneAndDesktopProblemsAsync();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
