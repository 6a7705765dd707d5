using Ical.Net;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class SessionJourneyTests(SiteFixture site)
{
    /// <summary>Where the journey's screenshots go (the issue asks for phone screenshots); outside the repository.</summary>
    private static readonly string Screens = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "traininghub-screens")).FullName;

    private async Task<(Guid Id, Lesson Lesson)> ScheduleAsync(string link, int lessonIndex)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var facilitator = await sp.GetRequiredService<TrainingHubDb>().Users.Where(u => u.Email == DemoAccounts.Facilitator).Select(u => u.Id).SingleAsync();
        var lesson = site.Catalog.Find("recovery-coach")!.Lessons.Where(l => l.Delivery == LessonDelivery.Live).Skip(lessonIndex).First();
        var id = await sp.GetRequiredService<ISender>().Send(new ScheduleSession.Command(facilitator, DemoData.CohortA, lesson.Id,
            DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)), new TimeOnly(18, 0), "Room 3, Harbor Light", link));
        return (id, lesson);
    }

    [Theory]
    [InlineData(375, 740)]
    [InlineData(1280, 900)]
    public async Task A_trainee_in_a_cohort_sees_the_next_session_with_its_link_and_adds_it_to_a_calendar(int width, int height)
    {
        var link = $"https://meet.example.org/rc-{width}";
        // A lesson of its own per width, so each page shows one session for its lesson.
        var (id, lesson) = await ScheduleAsync(link, width < 600 ? 7 : 8);
        var page = await site.NewPageAsync(new ViewportSize { Width = width, Height = height });
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Trainee);
        await page.OpenMenuIfFoldedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Upcoming sessions", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Upcoming sessions");

        var card = page.Locator(".session-card").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = link }) });
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = link })).ToHaveAttributeAsync("href", link);
        await Expect(card).ToContainTextAsync("Room 3, Harbor Light");
        await Expect(card).ToContainTextAsync(lesson.Title);
        await page.AssertNoSeriousAccessibilityProblemsAsync();
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, "the page scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screens, $"upcoming-sessions-{width}.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => card.GetByRole(AriaRole.Link, new() { Name = "Add to my calendar (.ics)" }).ClickAsync());
        var file = await download.PathAsync();
        var calendar = Calendar.Load(await File.ReadAllTextAsync(file))!;
        var e = Assert.Single(calendar.Events);
        Assert.StartsWith($"session-{id:N}@", e.Uid, StringComparison.Ordinal);   // @ the site's host
        Assert.Equal(new Uri(link), e.Url);
        Assert.Equal("America/New_York", e.DtStart!.TzId);
        Assert.Equal(new TimeOnly(18, 0), TimeOnly.FromDateTime(e.DtStart.Value));

        // The live lesson's own page shows its session too.
        await page.GotoAsync($"/courses/recovery-coach/lessons/{lesson.Id}");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your live session for this lesson" }).GetByRole(AriaRole.Link, new() { Name = link })).ToBeVisibleAsync();
        await page.AssertNoSeriousAccessibilityProblemsAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screens, $"live-lesson-session-{width}.png"), FullPage = false });
    }
}
