using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Data;
using TrainingHub.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class FacilitatorGuideTests(SiteFixture site)
{
    private const string Lesson = "/courses/recovery-coach/lessons/rc-welcome-and-coaching-role";
    private const string GuideOnly = "Write the agreements on a flip chart and keep it up for the whole course.";

    public static TheoryData<int> Widths => new() { 375, 1280 };

    private static async Task AssertFitsAndIsAccessibleAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth}px wide on a {width}px screen");
        await page.AssertNoSeriousAccessibilityProblemsAsync();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task A_facilitator_sees_the_guide_on_the_lesson_page_the_session_page_and_a_print_page(int width)
    {
        Guid session;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var facilitatorId = await db.Users.Where(u => u.Email == DemoAccounts.Facilitator).Select(u => u.Id).SingleAsync();
            session = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ScheduleSession.Command(
                facilitatorId, DemoData.CohortA, "rc-welcome-and-coaching-role", new DateOnly(2027, 3, width == 375 ? 1 : 2), new TimeOnly(10, 0), "Room 1", null));
        }
        var page = await site.NewPageAsync(new ViewportSize { Width = width, Height = 900 });
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Facilitator);

        await page.GotoAsync(Lesson);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facilitator's guide" })).ToBeVisibleAsync();
        await Expect(page.GetByText(GuideOnly)).ToBeVisibleAsync();
        await AssertFitsAndIsAccessibleAsync(page, width);

        await page.GotoAsync($"/facilitate/sessions/{session}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facilitator's guide" })).ToBeVisibleAsync();
        await Expect(page.GetByText(GuideOnly)).ToBeVisibleAsync();
        await AssertFitsAndIsAccessibleAsync(page, width);

        await page.GetByRole(AriaRole.Link, new() { Name = "Print the guide" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facilitator's guide: Welcome, and what a recovery coach does" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print the guide" })).ToBeVisibleAsync();
        await AssertFitsAndIsAccessibleAsync(page, width);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print the guide" })).ToBeHiddenAsync();
        await Expect(page.GetByText(GuideOnly)).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task A_trainee_sees_the_lesson_without_the_guide_and_is_refused_the_guide_page(int width)
    {
        var page = await site.NewPageAsync(new ViewportSize { Width = width, Height = 900 });
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Trainee);

        await page.GotoAsync(Lesson);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, and what a recovery coach does" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facilitator's guide" })).ToHaveCountAsync(0);
        await Expect(page.GetByText(GuideOnly)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Print the guide" })).ToHaveCountAsync(0);
        await AssertFitsAndIsAccessibleAsync(page, width);

        var response = await page.GotoAsync(Lesson + "/guide");
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByText(GuideOnly)).ToHaveCountAsync(0);
    }
}
