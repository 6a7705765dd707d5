using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.SignOffs;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

/// <summary>Seat time in view while reading, and a record a person can read, on a 375-px phone and a desktop.</summary>
[Collection(SiteCollection.Name)]
public sealed class RecordOnPhoneTests(SiteFixture site)
{
    private static readonly ViewportSize Phone = new() { Width = PageActions.PhoneWidth, Height = 740 };

    /// <summary>A new trainee at site A enrolled in the course; returns their e-mail and id.</summary>
    private async Task<(string Email, string Id)> NewTraineeAsync(string name, params string[] courses)
    {
        var email = $"record.{Guid.NewGuid():N}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<Person>>();
        var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = name, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(person, DemoAccounts.Password)).Succeeded);
        await users.AddToRoleAsync(person, Roles.Trainee);
        var db = sp.GetRequiredService<TrainingHubDb>();
        db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteA, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = DateTime.UtcNow.AddMinutes(-1) });
        await db.SaveChangesAsync();
        foreach (var course in courses) await sp.GetRequiredService<ISender>().Send(new Enroll.Command(person.Id, course));
        return (email, person.Id);
    }

    [Fact]
    public async Task The_seat_time_bar_stays_in_view_on_a_phone_and_typing_a_note_keeps_the_clock_running()
    {
        var (email, _) = await NewTraineeAsync("Robin Castellano", "mat");
        var lesson = site.Catalog.Find("mat")!.Lessons.First(l => l.Delivery == LessonDelivery.SelfPaced);
        var page = await site.NewPageAsync(Phone);
        await page.SignInAndWaitForHomeAsync(email);
        var beats = 0;
        page.Request += (_, request) => { if (request.Url.Contains("handler=Heartbeat", StringComparison.Ordinal)) Interlocked.Increment(ref beats); };
        // The page's clock, moved by the test; set in the past so the server never sees a beat stamped ahead of its own time.
        await page.Clock.InstallAsync(new() { TimeDate = DateTime.UtcNow.AddMinutes(-30) });
        await page.GotoAsync($"/courses/mat/lessons/{lesson.Id}");

        var bar = page.Locator("#seat-time");
        await Expect(page.Locator("#seat-time-rule")).ToContainTextAsync("active minutes.");
        await Expect(bar.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
        // Changes only when the server has answered the page's first heartbeat.
        await Expect(page.Locator("#seat-time-status")).ToContainTextAsync("Read to the end of the lesson to complete it.");
        await Expect(page.Locator("#seat-time-left")).ToContainTextAsync("more active minutes needed before this lesson counts.");

        // Scrolled halfway down the lesson, the bar is still at the top of the screen and is no taller than a line or two.
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight / 2)");
        var box = await bar.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Y, -1, 1);
        Assert.InRange(box.Height, 20, 100);
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "lesson-reading-with-the-bar-375px.png") });

        // Nothing but typing in the reflection box for eight minutes, longer than the five after which an idle page pauses.
        var note = page.GetByLabel("My note on this lesson");
        await note.FocusAsync();
        var before = beats;
        for (var minute = 0; minute < 8; minute++)
        {
            await note.PressSequentiallyAsync("a");
            await page.Clock.RunForAsync(60_000);
        }
        await page.WaitForTimeoutAsync(300);
        var typing = beats - before;
        Assert.True(typing >= 20, $"only {typing} heartbeats went out in eight minutes of typing; the clock stopped");
        await Expect(page.Locator("#seat-time-status")).Not.ToContainTextAsync("Paused");

        // Then nothing at all: the clock pauses after five minutes, says so, and no more heartbeats go out.
        await page.Clock.RunForAsync(6 * 60_000);
        await Expect(page.Locator("#seat-time-status")).ToContainTextAsync("Paused: nothing on this page was touched for 5 minutes.");
        await page.WaitForTimeoutAsync(300);
        var idle = beats;
        await page.Clock.RunForAsync(2 * 60_000);
        await page.WaitForTimeoutAsync(300);
        Assert.Equal(idle, beats);

        await page.PhoneScreenshotAsync("lesson-with-the-bar");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "screenshots", "lesson-with-the-bar-375px.png"), Path.Combine(ScreenshotFolder, "lesson-with-the-bar-375px.png"), true);
        Assert.Empty(await page.PhoneAndDesktopProblemsAsync());
    }

    [Fact]
    public async Task My_hours_and_my_credentials_read_on_a_phone_without_sideways_scroll_or_accessibility_problems()
    {
        var (email, id) = await NewTraineeAsync("Avery Lindqvist", "ethics");
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<TrainingHubDb>();
            var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == id && e.CourseId == "ethics");
            var ledger = sp.GetRequiredService<HoursLedger>();
            var pending = new List<Guid>();
            foreach (var lesson in site.Catalog.Find("ethics")!.Lessons.Take(4))
            {
                var entries = await ledger.CreditLessonAsync(enrollment, lesson, lesson.Hours, HoursDelivery.InPerson, HoursSource.Attendance, new DateOnly(2026, 11, 16), null, null, CancellationToken.None);
                pending.AddRange(entries.Where(e => e.Status == HoursStatus.Pending).Select(e => e.Id));
            }
            await db.SaveChangesAsync();
            var dennis = await db.Users.Where(u => u.Email == DemoAccounts.Supervisor).Select(u => u.Id).SingleAsync();
            var sender = sp.GetRequiredService<ISender>();
            await sender.Send(new DecideSignOff.Command(dennis, SignOffDecision.Approved, pending.Take(2).Select(e => new DecideSignOff.ItemRef(SignOffSubject.Hours, e)).ToList(),
                "Dennis Okafor", DemoAccounts.Password, true, null));
            await sender.Send(new DecideSignOff.Command(dennis, SignOffDecision.Rejected, [new DecideSignOff.ItemRef(SignOffSubject.Hours, pending[2])],
                "Dennis Okafor", DemoAccounts.Password, true, "Please go over the boundaries case study with me first."));
            await sender.Send(new TrainingHub.Features.Practicum.LogPracticum.Command(id, PracticumKind.Experience, new DateOnly(2026, 11, 20), 3, "advocacy", "Drop-in centre",
                "Ran the Tuesday recovery café", null));
        }

        var page = await site.NewPageAsync(Phone);
        await page.SignInAndWaitForHomeAsync(email);
        await page.GotoAsync("/my/hours");
        var lines = page.Locator(".record-line");
        await Expect(lines).ToHaveCountAsync(5);
        await Expect(lines.Filter(new() { HasText = "Signed off by Dennis Okafor" })).ToHaveCountAsync(2);
        await Expect(lines.Filter(new() { HasText = "Not signed off: Please go over the boundaries case study with me first." })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send back for sign-off" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Every entry" })).Not.ToBeVisibleAsync();
        await Shoot(page, "my-hours");
        Assert.Empty(await page.PhoneAndDesktopProblemsAsync());
        await page.Locator("summary", new() { HasText = "Every entry (" }).ClickAsync();
        await Expect(page.GetByText("correction: signed off by Dennis Okafor").First).ToBeVisibleAsync();

        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.GotoAsync("/my/credentials");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "IC&RC Peer Recovery (PR)" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "New York Certified Addiction Recovery Coach (CARC)" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        var glance = page.Locator(".credential-glance li");
        await Expect(glance).ToHaveCountAsync(2);
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        // 12,700 px before the details were folded; the page has since gained "Credentials you hold" and the next step (issue 20).
        Assert.True(height < 5000, $"My credentials is {height} px tall on a phone with two credentials; the details should be folded");
        await Shoot(page, "my-credentials");
        Assert.Empty(await page.PhoneAndDesktopProblemsAsync());
    }

    private static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots", "issue15-record");

    private static async Task Shoot(IPage page, string name)
    {
        await page.PhoneScreenshotAsync(name);
        Directory.CreateDirectory(ScreenshotFolder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}-375px.png"), Path.Combine(ScreenshotFolder, $"{name}-375px.png"), true);
    }
}
