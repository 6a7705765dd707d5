using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Outbox;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class CertificateJourneyTests(SiteFixture site)
{
    [Fact]
    public async Task A_trainee_finishes_the_mat_course_downloads_the_certificate_and_its_code_verifies_as_valid()
    {
        const string email = DemoAccounts.Coordinator;
        var course = site.Catalog.Find("mat")!;
        // Every lesson is already in the ledger (attendance and seat time); the trainee finishes by passing the quizzes in the browser.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<TrainingHubDb>();
            var person = await db.Users.SingleAsync(u => u.Email == email);
            await sp.GetRequiredService<ISender>().Send(new Enroll.Command(person.Id, "mat"));
            var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == person.Id && e.CourseId == "mat");
            foreach (var lesson in course.Lessons)
            {
                await sp.GetRequiredService<HoursLedger>().CreditLessonAsync(enrollment, lesson, lesson.Hours,
                    lesson.Delivery == LessonDelivery.Live ? HoursDelivery.InPerson : HoursDelivery.SelfPaced, HoursSource.Attendance,
                    new DateOnly(2026, 11, 18), null, null, default);
            }
            await db.SaveChangesAsync();
        }

        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(email);
        foreach (var module in course.Modules)
        {
            await page.GotoAsync($"/courses/mat/modules/{module.Id}/quiz");
            foreach (var question in module.Quiz!.Questions)
            {
                // The paper draws part of the bank: answer the questions it shows.
                if (await page.Locator($"input[name='answers[{question.Id}]']").CountAsync() == 0) continue;
                foreach (var option in question.Options.Where(o => o.Correct))
                {
                    await page.Locator("fieldset.quiz-question").Filter(new() { Has = page.Locator($"input[name='answers[{question.Id}]']") })
                        .GetByLabel(option.Text, new() { Exact = true }).CheckAsync();
                }
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You passed this quiz.");
        }

        // The job server is off in tests; run the outbox pass the recurring job would run.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchOutbox.Command());
        }

        await page.GotoAsync("/my/certificates");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = course.Title })).ToBeVisibleAsync();
        await page.AssertNoSeriousAccessibilityProblemsAsync();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download the certificate (PDF)" }).ClickAsync());
        var pdfPath = Path.Combine(Path.GetTempPath(), $"certificate-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(pdfPath);
        string text;
        try
        {
            text = PdfText(pdfPath);
        }
        finally
        {
            File.Delete(pdfPath);
        }
        Assert.Contains("Rosa Alvarez", text, StringComparison.Ordinal);
        var code = System.Text.RegularExpressions.Regex.Match(text, @"[0-9A-Z]{4}(-[0-9A-Z]{4}){3,}").Value;
        Assert.False(string.IsNullOrEmpty(code), text);

        var stranger = await site.NewPageAsync();
        await stranger.GotoAsync($"/verify/{code}");
        await Expect(stranger.GetByRole(AriaRole.Status)).ToContainTextAsync("This certificate is valid.");
        await Expect(stranger.Locator("dd").First).ToHaveTextAsync("Rosa Alvarez");
        await Expect(stranger.Locator("dt:has-text('Issued by') + dd")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\w{3,}"));
        await stranger.AssertNoSeriousAccessibilityProblemsAsync();
    }

    private static string PdfText(string path)
    {
        return DebianTools.Run("pdftotext", "-layout", path, "-");
    }
}
