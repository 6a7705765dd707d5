using System.Net;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>Seat time where the trainee reads (the header, the bar, the end of the lesson, the next lesson) and the private reflection note.</summary>
[Collection(SiteCollection.Name)]
public sealed class LessonSeatTimePagesTests(SiteFactory site)
{
    private CourseCatalog Catalog => site.Services.GetRequiredService<CourseCatalog>();

    /// <summary>A self-paced MAT lesson followed by another lesson of the course.</summary>
    private (Lesson Lesson, Lesson Next) SelfPacedWithNext()
    {
        var lessons = Catalog.Find("mat")!.Lessons.ToList();
        var i = lessons.FindIndex(l => l.Delivery == LessonDelivery.SelfPaced && lessons.IndexOf(l) + 1 < lessons.Count);
        return (lessons[i], lessons[i + 1]);
    }

    private async Task<(string Email, string Id, HttpClient Client)> EnrolledTraineeAsync(string name)
    {
        var (email, id) = await Seed.NewTraineeAsync(site.Services, DemoData.SiteA, name);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Enroll.Command(id, "mat"));
        }
        return (email, id, await site.SignedIn(email));
    }

    private static string Url(Lesson lesson) => $"/courses/mat/lessons/{lesson.Id}";

    [Fact]
    public async Task A_self_paced_lesson_says_the_minutes_it_needs_in_its_header_its_bar_and_at_its_end()
    {
        var (lesson, _) = SelfPacedWithNext();
        var (_, _, client) = await EnrolledTraineeAsync("Casey Moreno");
        var needed = SeatTimeRules.RequiredSeconds(lesson.Hours, site.Services.GetRequiredService<IOptions<LearningRecordOptions>>().Value.MinutesPerCreditedHour) / 60;

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(Url(lesson)));
        Assert.Contains($"<strong>Needs {needed} active minutes.</strong>", html, StringComparison.Ordinal);
        // The bar: a real progress element with a text equivalent, and a polite status region that the script fills only at milestones.
        Assert.Contains($"<progress id=\"seat-time-progress\" max=\"{needed}\" value=\"0\"", html, StringComparison.Ordinal);
        Assert.Contains($"Time recorded on this lesson: 0 of {needed} minutes.</progress>", html, StringComparison.Ordinal);
        Assert.Contains("<p id=\"seat-time-announce\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></p>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"seat-time\"", StringComparison.Ordinal) < html.IndexOf("class=\"lesson-body\"", StringComparison.Ordinal),
            "the bar comes before the lesson's text, so it is on the first screen");
        var end = html[html.IndexOf("id=\"end-of-lesson\"", StringComparison.Ordinal)..];
        Assert.Contains($"{needed} more active minutes needed before this lesson counts.", end, StringComparison.Ordinal);
        Assert.True(end.IndexOf("more active minutes needed", StringComparison.Ordinal) < end.IndexOf("class=\"pager\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reader_who_goes_on_early_is_told_on_the_next_lesson_that_the_previous_one_is_incomplete_and_why()
    {
        var (lesson, next) = SelfPacedWithNext();
        var (_, id, client) = await EnrolledTraineeAsync("Robin Adeyemi");
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            db.SeatTimeTotals.Add(new SeatTimeTotal
            {
                PersonId = id, CourseId = "mat", LessonId = lesson.Id, ActiveSeconds = 12 * 60, Day = DateOnly.FromDateTime(DateTime.UtcNow), DaySeconds = 12 * 60, Version = Guid.NewGuid(),
            });
            await db.SaveChangesAsync();
        }
        var needed = SeatTimeRules.RequiredSeconds(lesson.Hours, site.Services.GetRequiredService<IOptions<LearningRecordOptions>>().Value.MinutesPerCreditedHour) / 60;

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(Url(next)));
        Assert.Contains($"The lesson before this one, “{lesson.Title}”, is not complete yet.", html, StringComparison.Ordinal);
        Assert.Contains($"It needs {needed - 12} more active minutes on its page, and reading it to the end.", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{Url(lesson)}\">Go back to “{lesson.Title}”</a>", html, StringComparison.Ordinal);

        // Once the lesson is in the record, the next one says nothing about it.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == id && e.CourseId == "mat");
            await scope.ServiceProvider.GetRequiredService<TrainingHub.Features.LearningRecord.HoursLedger>().CreditLessonAsync(enrollment, lesson, lesson.Hours,
                HoursDelivery.SelfPaced, HoursSource.SeatTime, DateOnly.FromDateTime(DateTime.UtcNow), null, null, CancellationToken.None);
            await db.SaveChangesAsync();
        }
        Assert.DoesNotContain("is not complete yet", await client.GetStringAsync(Url(next)), StringComparison.Ordinal);
        Assert.Contains("This lesson is complete and its hours are in your record.", await client.GetStringAsync(Url(lesson)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trainee_keeps_a_private_note_on_a_lesson_and_deletes_it_for_good()
    {
        var (lesson, _) = SelfPacedWithNext();
        var (_, id, client) = await EnrolledTraineeAsync("Sam Okonkwo");
        const string Text = "What stayed with me: the harm-reduction story, note 7f3a.";

        var saved = await SiteFactory.PostForm(client, $"{Url(lesson)}?handler=Reflection", new() { ["Note"] = Text }, formPage: Url(lesson));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(Url(lesson)));
        Assert.Contains(Text, html, StringComparison.Ordinal);
        Assert.Contains("Only you can read this note", html, StringComparison.Ordinal);
        Assert.Contains("Delete my note", html, StringComparison.Ordinal);
        var noteId = await site.Db(db => db.LessonReflections.Where(r => r.PersonId == id).Select(r => r.Id).SingleAsync());

        var deleted = await SiteFactory.PostForm(client, $"{Url(lesson)}?handler=DeleteReflection", new() { ["NoteId"] = noteId.ToString() }, formPage: Url(lesson));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await site.Db(db => db.LessonReflections.CountAsync(r => r.Id == noteId)));
        html = WebUtility.HtmlDecode(await client.GetStringAsync(Url(lesson)));
        Assert.Contains("Your note is deleted. It is gone for good.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Text, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Delete my note", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_that_is_empty_too_long_or_posted_without_the_form_token_is_refused_and_nothing_is_saved()
    {
        var (lesson, _) = SelfPacedWithNext();
        var (_, id, client) = await EnrolledTraineeAsync("Jamie Lindqvist");

        var empty = WebUtility.HtmlDecode(await (await SiteFactory.PostForm(client, $"{Url(lesson)}?handler=Reflection", new() { ["Note"] = "  " }, formPage: Url(lesson))).Content.ReadAsStringAsync());
        Assert.Contains("Write your note before saving it.", empty, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Note\">", empty, StringComparison.Ordinal);
        var tooLong = WebUtility.HtmlDecode(await (await SiteFactory.PostForm(client, $"{Url(lesson)}?handler=Reflection",
            new() { ["Note"] = new string('a', LessonReflection.MaxLength + 1) }, formPage: Url(lesson))).Content.ReadAsStringAsync());
        Assert.Contains("A note can be up to 4,000 characters; shorten it a little.", tooLong, StringComparison.Ordinal);
        var live = Catalog.Find("mat")!.Lessons.First(l => l.Delivery == LessonDelivery.Live);
        var onLive = WebUtility.HtmlDecode(await (await SiteFactory.PostForm(client, $"{Url(live)}?handler=Reflection", new() { ["Note"] = "x" }, formPage: Url(lesson))).Content.ReadAsStringAsync());
        Assert.Contains("Notes are kept on self-paced lessons only.", onLive, StringComparison.Ordinal);

        var forged = await client.PostAsync($"{Url(lesson)}?handler=Reflection", new FormUrlEncodedContent(new Dictionary<string, string> { ["Note"] = "no token" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await site.Db(db => db.LessonReflections.CountAsync(r => r.PersonId == id)));

        var notEnrolled = await site.SignedIn(DemoAccounts.Facilitator);
        var refused = await SiteFactory.PostForm(notEnrolled, $"{Url(lesson)}?handler=Reflection", new() { ["Note"] = "staff note" }, formPage: Url(lesson));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Deleting_someone_elses_note_answers_not_found_and_leaves_it_alone()
    {
        var (lesson, _) = SelfPacedWithNext();
        var (_, ownerId, owner) = await EnrolledTraineeAsync("Alex Petrov");
        var (_, _, other) = await EnrolledTraineeAsync("Dana Whitfield");
        await SiteFactory.PostForm(owner, $"{Url(lesson)}?handler=Reflection", new() { ["Note"] = "Mine alone." }, formPage: Url(lesson));
        var noteId = await site.Db(db => db.LessonReflections.Where(r => r.PersonId == ownerId).Select(r => r.Id).SingleAsync());

        var response = await SiteFactory.PostForm(other, $"{Url(lesson)}?handler=DeleteReflection", new() { ["NoteId"] = noteId.ToString() }, formPage: Url(lesson));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, await site.Db(db => db.LessonReflections.CountAsync(r => r.Id == noteId)));
        Assert.DoesNotContain("Mine alone.", await other.GetStringAsync(Url(lesson)), StringComparison.Ordinal);
        var forged = await other.PostAsync($"{Url(lesson)}?handler=DeleteReflection", new FormUrlEncodedContent(new Dictionary<string, string> { ["NoteId"] = noteId.ToString() }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task No_staff_page_report_or_export_shows_a_trainees_note()
    {
        var (lesson, _) = SelfPacedWithNext();
        var (_, id, client) = await EnrolledTraineeAsync("Quinn Abernathy");
        const string Marker = "private-reflection-5b21";
        await SiteFactory.PostForm(client, $"{Url(lesson)}?handler=Reflection", new() { ["Note"] = $"Only mine: {Marker}" }, formPage: Url(lesson));
        Assert.Contains(Marker, await client.GetStringAsync(Url(lesson)), StringComparison.Ordinal);

        var siteA = DemoData.SiteA;
        var pages = new Dictionary<string, string[]>
        {
            [DemoAccounts.Facilitator] = [Url(lesson), "/facilitate"],
            [DemoAccounts.Supervisor] = ["/supervise", $"/sites/{siteA}/report", $"/sites/{siteA}/report?handler=Csv"],
            [DemoAccounts.Coordinator] = [$"/sites/{siteA}/people", $"/sites/{siteA}/report", $"/sites/{siteA}/report?handler=Csv", $"/sites/{siteA}/credentials",
                $"/sites/{siteA}/credentials/{id}", $"/sites/{siteA}/credentials/{id}?handler=Packet&credential=icrc-pr&format=csv"],
            [DemoAccounts.Admin] = [Url(lesson), "/institute", "/institute/reports", "/institute/reports?handler=Csv", "/admin/sign-offs", "/admin/certificates",
                $"/sites/{siteA}/credentials/{id}"],
        };
        foreach (var (email, urls) in pages)
        {
            var staff = await site.SignedIn(email);
            foreach (var url in urls)
            {
                var response = await staff.GetAsync(url);
                Assert.DoesNotContain(Marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }
}
