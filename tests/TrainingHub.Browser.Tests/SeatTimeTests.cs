using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Content;
using TrainingHub.Data;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class SeatTimeTests(SiteFixture site)
{
    [Fact]
    public async Task An_open_self_paced_lesson_sends_a_heartbeat_that_the_server_records()
    {
        // trainee@ is enrolled in the demo Recovery Coach cohort by the demo data.
        var lesson = site.Catalog.Find("recovery-coach")!.Lessons.First(l => l.Delivery == LessonDelivery.SelfPaced);
        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Trainee);
        await page.GotoAsync($"/courses/recovery-coach/lessons/{lesson.Id}");

        var status = page.Locator("#seat-time-status");
        await Expect(page.Locator("#seat-time")).ToBeVisibleAsync();
        // The text changes only when the server has answered the page's first heartbeat.
        await Expect(status).ToContainTextAsync("Read to the end of the lesson to complete it.");

        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var terry = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Trainee);
        Assert.True(await db.SeatTimeBeats.AnyAsync(b => b.PersonId == terry.Id && b.LessonId == lesson.Id));
        await page.AssertNoSeriousAccessibilityProblemsAsync();
    }
}
