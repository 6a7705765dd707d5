using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class PhoneLayoutTests(SiteFixture site)
{
    private const int PhoneWidth = 375;

    [Fact]
    public async Task Pages_fit_a_375px_phone_without_sideways_scrolling()
    {
        var page = await site.NewPageAsync(new ViewportSize { Width = PhoneWidth, Height = 740 });
        // Every page is checked before failing, so one run names all the pages that need work.
        var problems = new List<string>();

        foreach (var path in new[] { "/", "/courses", "/account/sign-in", "/courses/recovery-coach" })
        {
            await page.GotoAsync(path);
            problems.AddRange(await ProblemsOnThisPageAsync(page));
        }

        // trainee.b is enrolled by this test only, so it does not depend on the order the tests run in.
        await page.SignInAndWaitForHomeAsync(DemoAccounts.TraineeB);
        await page.GotoAsync("/courses/recovery-coach");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol in this course" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start with the first lesson" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/courses/recovery-coach/lessons/"));
        problems.AddRange(await ProblemsOnThisPageAsync(page));

        await page.GotoAsync("/dashboard");
        problems.AddRange(await ProblemsOnThisPageAsync(page));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task A_facilitators_lesson_with_its_agenda_fits_a_phone()
    {
        var page = await site.NewPageAsync(new ViewportSize { Width = PhoneWidth, Height = 740 });
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Facilitator);
        var live = site.Catalog.Find("recovery-coach")!.Lessons.First(l => l.Delivery == TrainingHub.Content.LessonDelivery.Live);
        await page.GotoAsync($"/courses/recovery-coach/lessons/{live.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facilitator agenda" })).ToBeVisibleAsync();
        var problems = (await ProblemsOnThisPageAsync(page)).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static async Task<IEnumerable<string>> ProblemsOnThisPageAsync(IPage page)
    {
        var problems = new List<string>();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (width > PhoneWidth)
        {
            problems.Add($"{page.Url}: the page is {width}px wide, wider than the {PhoneWidth}px screen");
        }
        var accessibility = await page.SeriousAccessibilityProblemsAsync();
        if (accessibility.Length > 0) problems.Add(accessibility);
        return problems;
    }
}
