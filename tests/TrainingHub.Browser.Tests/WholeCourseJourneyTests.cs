using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Sites.Cohorts;
using TrainingHub.Features.Sites.People;
using TrainingHub.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

// On the reading site (its clock moves), so the self-paced lessons are read to credit as a person reads them.
public sealed partial class LearningJourneyTests
{
    private const string Joiner = "jordan.ellis@demo.traininghub.test";

    /// <summary>
    /// The whole MAT course the way a trainee takes it: invited into a cohort, every self-paced lesson read until the
    /// heartbeats credit it, every live lesson attended and marked by the facilitator, both quizzes passed, and then the
    /// certificate, whose code a stranger verifies. Nothing is written into the ledger by the test.
    /// </summary>
    [Fact]
    public async Task A_trainee_in_a_cohort_takes_the_whole_mat_course_the_real_way_to_a_certificate_whose_code_verifies()
    {
        var course = site.Catalog.Find("mat")!;
        var sessions = await JoinCohortWithHeldSessionsAsync(course);

        foreach (var lesson in course.Lessons.Where(l => l.Delivery != LessonDelivery.Live))
        {
            var reader = await site.NewPageAsync(new ViewportSize { Width = PageActions.PhoneWidth, Height = 740 });
            await reader.SignInAndWaitForHomeAsync(Joiner);
            await ReadUntilCreditedAsync(reader, course, lesson);
            await reader.Context.CloseAsync();
        }

        var facilitator = await site.NewPageAsync();
        await facilitator.SignInAndWaitForHomeAsync(DemoAccounts.Facilitator);
        foreach (var id in sessions)
        {
            await facilitator.GotoAsync($"/facilitate/sessions/{id}");
            var row = facilitator.Locator("fieldset.attendance-row").Filter(new() { HasText = "Jordan Ellis" });
            await row.GetByLabel("Present", new() { Exact = true }).CheckAsync();
            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Save attendance" }).ClickAsync();
            await Expect(facilitator.GetByRole(AriaRole.Status)).ToContainTextAsync("Attendance saved: 1 change recorded.");
        }

        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(Joiner);
        foreach (var module in course.Modules.Where(m => m.Quiz is not null))
        {
            await page.GotoAsync($"/courses/{course.Id}/modules/{module.Id}/quiz");
            await AnswerEveryQuestionAsync(page, module.Quiz!, rightly: true);
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You passed this quiz.");
        }

        // The job server is off in tests: run the pass the recurring job runs, which issues the certificate.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchOutbox.Command());
        }
        await page.GotoAsync("/my/certificates");
        var card = page.Locator("li.card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = course.Title }) });
        var code = (await card.Locator("p.meta strong").First.TextContentAsync())!.Trim();
        Assert.Matches(new Regex(@"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3,}$"), code);
        await card.GetByText("How to add it to a wallet app or a profile").ClickAsync();
        await Expect(card.GetByText(code, new() { Exact = true }).Last).ToBeVisibleAsync();
        var problems = await page.PhoneAndDesktopProblemsAsync();
        await page.PhoneScreenshotAsync("my-certificates");

        var stranger = await site.NewPageAsync();
        await stranger.GotoAsync($"/verify/{code}");
        await Expect(stranger.GetByRole(AriaRole.Status)).ToContainTextAsync("This certificate is valid.");
        await Expect(stranger.Locator("dd").First).ToHaveTextAsync("Jordan Ellis");

        // The institute admin finds it from the list and sees the revoke form with its confirmation.
        var admin = await site.NewPageAsync();
        await admin.SignInAndWaitForHomeAsync(DemoAccounts.Admin);
        await admin.GotoAsync("/admin/certificates");
        await admin.GetByRole(AriaRole.Link, new() { Name = $"Revoke or reissue Jordan Ellis's {course.Title} certificate" }).ClickAsync();
        await Expect(admin.GetByLabel($"Yes, revoke Jordan Ellis's certificate {code}.")).Not.ToBeCheckedAsync();
        problems.AddRange(await admin.PhoneAndDesktopProblemsAsync());
        await admin.PhoneScreenshotAsync("admin-certificate");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// The coordinator makes a MAT cohort with Sam as facilitator and invites Jordan, who accepts; Sam schedules one
    /// session per live lesson, each of which started yesterday, so attendance can be taken.
    /// </summary>
    private async Task<IReadOnlyList<Guid>> JoinCohortWithHeldSessionsAsync(Course course)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var sender = sp.GetRequiredService<ISender>();
        var db = sp.GetRequiredService<TrainingHubDb>();
        var coordinator = await db.Users.Where(u => u.Email == DemoAccounts.Coordinator).Select(u => u.Id).SingleAsync();
        var facilitator = await db.Users.Where(u => u.Email == DemoAccounts.Facilitator).Select(u => u.Id).SingleAsync();
        var today = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime);
        var cohort = await sender.Send(new SaveCohort.Command(coordinator, DemoData.SiteA, null, "MAT journey cohort", course.Id, today.AddDays(-7),
            "Saturdays", DeliveryMode.InPerson, 12, facilitator));
        await sender.Send(new InvitePerson.Command(coordinator, DemoData.SiteA, cohort, "Jordan Ellis", Joiner, Roles.Trainee));
        var token = InvitationToken(site.MailFolder, Joiner);
        await sender.Send(new AcceptInvitation.Command(token, "Jordan Ellis", DemoAccounts.Password, DemoAccounts.Password));

        var held = new List<Guid>();
        foreach (var lesson in course.Lessons.Where(l => l.Delivery == LessonDelivery.Live))
        {
            held.Add(await sender.Send(new ScheduleSession.Command(facilitator, cohort, lesson.Id, today.AddDays(-1), new TimeOnly(10, 0), "Group room 1", null)));
        }
        return held;
    }

    private static string InvitationToken(string mailFolder, string email)
    {
        var mail = Directory.GetFiles(mailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Last(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)));
        return Regex.Match(mail.TextBody ?? "", @"/account/join/([A-Za-z0-9_-]+)").Groups[1].Value;
    }

    /// <summary>Opens a self-paced lesson with the page's timers under the test's hand and reads it, beat by beat, until it is credited.</summary>
    private async Task ReadUntilCreditedAsync(IPage page, Course course, Lesson lesson)
    {
        var record = site.Services.GetRequiredService<IOptions<LearningRecordOptions>>().Value;
        var beatSeconds = record.HeartbeatSeconds;
        var requiredSeconds = (int)Math.Ceiling(lesson.Hours * record.MinutesPerCreditedHour * 60);
        var beats = (requiredSeconds + beatSeconds - 1) / beatSeconds;
        var siteNow = site.Clock.GetUtcNow().UtcDateTime;
        await page.Clock.InstallAsync(new() { TimeDate = siteNow.AddMinutes(-2) });
        await page.Clock.PauseAtAsync(siteNow.AddMinutes(-1));
        await page.GotoAsync($"/courses/{course.Id}/lessons/{lesson.Id}");
        var status = page.Locator("#seat-time-status");
        await Expect(status).ToContainTextAsync("Time recorded on this lesson: 0 of");
        var scrollStep = await page.EvaluateAsync<int>($"() => Math.ceil(document.documentElement.scrollHeight / {Math.Max(beats - 5, 1)})");
        await page.Mouse.MoveAsync(180, 400);
        for (var beat = 1; beat <= beats; beat++)
        {
            await page.Mouse.WheelAsync(0, scrollStep);
            site.Clock.Advance(TimeSpan.FromSeconds(beatSeconds));
            var response = await page.RunAndWaitForResponseAsync(() => page.Clock.RunForAsync(beatSeconds * 1000L),
                r => r.Request.Method == "POST" && r.Url.Contains("handler=Heartbeat", StringComparison.Ordinal));
            Assert.True(response.Ok, $"{lesson.Id}, heartbeat {beat} was refused: {await response.TextAsync()}");
        }
        await Expect(status).ToHaveTextAsync(LessonComplete);
    }
}
