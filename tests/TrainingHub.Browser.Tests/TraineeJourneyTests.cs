using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class TraineeJourneyTests(SiteFixture site)
{
    [Fact]
    public async Task Trainee_signs_in_enrols_and_reads_a_lesson_with_no_serious_accessibility_violations()
    {
        var course = site.Catalog.Find("mat") ?? throw new InvalidOperationException("The MAT course is missing from content/.");
        var firstLesson = course.Lessons.First();
        var page = await site.NewPageAsync();

        await page.SignInAndWaitForHomeAsync(DemoAccounts.Trainee);

        await page.GotoAsync("/courses/mat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol in this course" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are enrolled in this course.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Start with the first lesson" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/courses/mat/lessons/{Regex.Escape(firstLesson.Id)}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveCountAsync(1);
        await Expect(page.Locator("main > h1")).ToHaveTextAsync(firstLesson.Title);
        var body = page.Locator("article.lesson-body");
        await Expect(body.Locator("p").First).ToBeVisibleAsync();
        var bodyText = await body.InnerTextAsync();
        Assert.True(bodyText.Length > 200, $"The lesson body shows only {bodyText.Length} characters: \"{bodyText}\"");
        await page.AssertNoSeriousAccessibilityProblemsAsync();

        await page.GotoAsync("/dashboard");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = course.Title })).ToBeVisibleAsync();
    }
}
