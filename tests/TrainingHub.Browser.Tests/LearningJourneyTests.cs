using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using TrainingHub.Content;
using TrainingHub.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

/// <summary>
/// A site of its own whose clock the test moves on. A heartbeat comes every 30 seconds and earns exactly 30 seconds (no
/// slack for late beats), and 30 active minutes make a credited hour: a half-hour lesson takes 30 beats that the test
/// lets pass in moments, with every setting inside its allowed range.
/// </summary>
public sealed class ReadingSiteFixture : SiteFixture
{
    public ReadingSiteFixture() : this(Clocks.Ticking())
    {
    }

    private ReadingSiteFixture(FakeTimeProvider clock) : base(new Dictionary<string, string>
    {
        ["LearningRecord:HeartbeatSeconds"] = "30",
        ["LearningRecord:HeartbeatSlackSeconds"] = "0",
        ["LearningRecord:MinutesPerCreditedHour"] = "30",
    }, clock) => Clock = clock;

    public FakeTimeProvider Clock { get; }
}

// In the browser collection only so that it runs one at a time with the other browser tests; it uses a site of its own
// because it moves that site's clock.
[Collection(SiteCollection.Name)]
public sealed partial class LearningJourneyTests(ReadingSiteFixture site) : IClassFixture<ReadingSiteFixture>
{
    private const string LessonComplete = "This lesson is complete and its hours are in your record.";

    [Fact]
    public async Task A_trainee_reads_a_self_paced_lesson_until_it_is_credited_fails_its_quiz_once_passes_it_and_sees_the_hours_in_my_hours()
    {
        var course = site.Catalog.Find("mat") ?? throw new InvalidOperationException("The MAT course is missing from content/.");
        // A module whose last lesson is self-paced: that lesson's page leads on to the module's quiz.
        var module = course.Modules.First(m => m.Quiz is not null && m.Lessons[^1].Delivery == LessonDelivery.SelfPaced);
        var lesson = module.Lessons[^1];
        var quiz = module.Quiz!;
        var record = site.Services.GetRequiredService<IOptions<LearningRecordOptions>>().Value;
        var beatSeconds = record.HeartbeatSeconds;
        var requiredSeconds = (int)Math.Ceiling(lesson.Hours * record.MinutesPerCreditedHour * 60);
        var requiredMinutes = (requiredSeconds + 59) / 60;
        var beats = (requiredSeconds + beatSeconds - 1) / beatSeconds;

        // Terry has no hours and no MAT enrolment in this site's demo data.
        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Trainee);
        await page.GotoAsync($"/courses/{course.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol in this course" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are enrolled in this course.");

        // From here the page's timers fire only when the test moves its clock on, and the site's clock moves with it.
        // The page's clock stays a minute behind the site's, as a phone's may: only a clock that runs ahead is refused.
        var siteNow = site.Clock.GetUtcNow().UtcDateTime;
        await page.Clock.InstallAsync(new() { TimeDate = siteNow.AddMinutes(-2) });
        await page.Clock.PauseAtAsync(siteNow.AddMinutes(-1));
        await page.GetByRole(AriaRole.Link, new() { Name = lesson.Title, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/courses/{course.Id}/lessons/{Regex.Escape(lesson.Id)}$"));
        var status = page.Locator("#seat-time-status");
        // The page's first heartbeat starts the clock; this text appears only when the server has answered it.
        await Expect(status).ToHaveTextAsync(
            $"Time recorded on this lesson: 0 of {requiredMinutes} minutes. Read to the end of the lesson to complete it.");

        // Reading: a little further down before each heartbeat, at a pace that reaches the end a few beats before the time is up.
        var scrollStep = await page.EvaluateAsync<int>($"() => Math.ceil(document.documentElement.scrollHeight / {beats - 5})");
        await page.Mouse.MoveAsync(640, 450);
        for (var beat = 1; beat <= beats; beat++)
        {
            if (beat == beats)
            {
                // One beat short of the time, with the end reached: the page says how far along the trainee is, and nothing more to read.
                await Expect(status).ToHaveTextAsync($"Time recorded on this lesson: {(beats - 1) * beatSeconds / 60} of {requiredMinutes} minutes.");
            }
            await page.Mouse.WheelAsync(0, scrollStep);
            site.Clock.Advance(TimeSpan.FromSeconds(beatSeconds));
            var response = await page.RunAndWaitForResponseAsync(() => page.Clock.RunForAsync(beatSeconds * 1000L),
                r => r.Request.Method == "POST" && r.Url.Contains("handler=Heartbeat", StringComparison.Ordinal));
            Assert.True(response.Ok, $"heartbeat {beat} was refused: {await response.TextAsync()}");
            var answer = await response.JsonAsync();
            Assert.Equal(beatSeconds, answer!.Value.GetProperty("creditedSeconds").GetInt32());
        }
        await Expect(status).ToHaveTextAsync(LessonComplete);
        await page.ReloadAsync();
        await Expect(status).ToHaveTextAsync(LessonComplete);
        // Time flows as usual again for the quiz and My hours.
        await page.Clock.ResumeAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Take the quiz for this module" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Quiz: {module.Title}");
        await AnswerEveryQuestionAsync(page, quiz, rightly: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();
        var result = page.GetByRole(AriaRole.Status);
        await Expect(result.Locator("p").First).ToHaveTextAsync($"0% on attempt 1. The pass mark is {quiz.PassMark}%.");
        var attemptsLeft = record.QuizAttemptLimit - 1;
        await Expect(result).ToContainTextAsync($"You have {attemptsLeft} more attempts. Read the module again, then try again.");
        await page.AssertNoSeriousAccessibilityProblemsAsync();

        await result.GetByRole(AriaRole.Link, new() { Name = "try again" }).ClickAsync();
        await Expect(page.GetByText($"This is attempt 2; you have {attemptsLeft} attempts left, including this one.")).ToBeVisibleAsync();
        await AnswerEveryQuestionAsync(page, quiz, rightly: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();
        await Expect(result.Locator("p").First).ToHaveTextAsync("100% on attempt 2. You passed this quiz.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review" })).ToBeVisibleAsync();
        await page.AssertNoSeriousAccessibilityProblemsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "My hours", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My hours");
        var hours = lesson.Hours.ToString("0.##", CultureInfo.InvariantCulture);
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"Training: {hours} {(lesson.Hours == 1 ? "hour counts" : "hours count")}" })).ToBeVisibleAsync();
        await page.Locator("summary", new() { HasText = "Every entry (" }).ClickAsync();
        var byCourse = page.GetByRole(AriaRole.Region, new() { Name = "Hours by course" }).GetByRole(AriaRole.Row).Filter(new() { HasText = course.Title });
        await Expect(byCourse.GetByRole(AriaRole.Cell).First).ToHaveTextAsync(hours);
        // One entry per domain the lesson's hours count toward (ADR 0015), each with its part.
        var entries = page.GetByRole(AriaRole.Region, new() { Name = "Every entry" }).GetByRole(AriaRole.Row).Filter(new() { HasText = lesson.Title });
        await Expect(entries).ToHaveCountAsync(lesson.DomainHours.Count);
        foreach (var part in lesson.DomainHours)
        {
            var cells = entries.Filter(new() { HasText = site.Catalog.DomainName(part.Tag) }).GetByRole(AriaRole.Cell);
            // Columns of the folded ledger: course and lesson, hours, status, date, domain, delivery.
            await Expect(cells.Nth(1)).ToHaveTextAsync(part.Hours.ToString("0.##", CultureInfo.InvariantCulture));
            await Expect(cells.Nth(2)).ToHaveTextAsync("credited");
            await Expect(cells.Nth(5)).ToHaveTextAsync("Self-paced");
        }
    }

    /// <summary>
    /// Ticks answers to every question the attempt shows, found by option text because each attempt shuffles the options:
    /// every right option, or one wrong option per question.
    /// </summary>
    private static async Task AnswerEveryQuestionAsync(IPage page, Quiz quiz, bool rightly)
    {
        var questions = page.Locator("fieldset.quiz-question");
        var count = await questions.CountAsync();
        Assert.True(count > 0, "The quiz page shows no questions.");
        for (var i = 0; i < count; i++)
        {
            var fieldset = questions.Nth(i);
            var name = await fieldset.Locator("input").First.GetAttributeAsync("name");
            var question = quiz.Questions.Single(q => name == $"answers[{q.Id}]");
            var options = rightly ? question.Options.Where(o => o.Correct) : question.Options.Where(o => !o.Correct).Take(1);
            foreach (var option in options)
            {
                await fieldset.GetByLabel(option.Text, new() { Exact = true }).CheckAsync();
            }
        }
    }
}
