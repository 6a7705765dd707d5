using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class SupervisorSignOffTests(SiteFixture site)
{
    [Fact]
    public async Task A_supervisor_approves_a_trainees_ethics_hours_in_the_browser()
    {
        // trainee.b attends the first ethics lesson (credited through the ledger as attendance would): the hours wait for sign-off.
        var lesson = site.Catalog.Find("ethics")!.Lessons.First(l => l.Delivery == LessonDelivery.Live);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<TrainingHubDb>();
            var lena = await db.Users.SingleAsync(u => u.Email == DemoAccounts.TraineeB);
            await sp.GetRequiredService<ISender>().Send(new Enroll.Command(lena.Id, "ethics"));
            var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == lena.Id && e.CourseId == "ethics");
            await sp.GetRequiredService<HoursLedger>().CreditLessonAsync(enrollment, lesson, lesson.Hours, HoursDelivery.InPerson, HoursSource.Attendance,
                new DateOnly(2026, 11, 16), null, null, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var trainee = await site.NewPageAsync();
        await trainee.SignInAndWaitForHomeAsync(DemoAccounts.TraineeB);
        await trainee.GotoAsync("/my/hours");
        await Expect(trainee.GetByText("waiting for sign-off").First).ToBeVisibleAsync();

        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(DemoAccounts.SupervisorB);
        await page.GotoAsync("/supervise");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hours waiting for your sign-off");
        await page.AssertNoSeriousAccessibilityProblemsAsync();
        await page.GetByLabel(lesson.Title, new() { Exact = false }).CheckAsync();
        await page.GetByLabel("I confirm this statement for the items I ticked.").CheckAsync();
        await page.GetByLabel("Your full name").FillAsync("Priya Shah");
        await page.GetByLabel("Your password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve the ticked items" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed off 1 item.");

        await trainee.GotoAsync("/my/hours");
        // The plain line says who signed off; the ledger's correction entry is in the folded "Every entry".
        await Expect(trainee.GetByText("Signed off by Priya Shah on", new() { Exact = false }).First).ToBeVisibleAsync();
        await trainee.Locator("summary", new() { HasText = "Every entry (" }).ClickAsync();
        await Expect(trainee.GetByText("correction: signed off by Priya Shah")).ToBeVisibleAsync();
        await trainee.AssertNoSeriousAccessibilityProblemsAsync();
    }
}
