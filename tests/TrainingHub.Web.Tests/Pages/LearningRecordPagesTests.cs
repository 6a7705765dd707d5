using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Shared;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed partial class LearningRecordPagesTests(SiteFactory site)
{
    private CourseCatalog Catalog => site.Services.GetRequiredService<CourseCatalog>();

    private static async Task<string> Token(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);
    }

    private async Task<HttpResponseMessage> Beat(HttpClient client, string courseId, string lessonId, object body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/courses/{courseId}/lessons/{lessonId}?handler=Heartbeat")
        {
            Content = JsonContent.Create(body),
        };
        if (token is not null) request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_self_paced_lesson_records_heartbeats_and_refuses_bad_ones_with_a_reason()
    {
        var client = await site.SignedIn(DemoAccounts.Trainee);
        var lesson = Catalog.Find("recovery-coach")!.Lessons.First(l => l.Delivery == LessonDelivery.SelfPaced);
        var page = $"/courses/recovery-coach/lessons/{lesson.Id}";
        var html = await client.GetStringAsync(page);
        Assert.Contains("id=\"seat-time\"", html, StringComparison.Ordinal);
        Assert.Contains("Time on this lesson is not being recorded, because JavaScript is turned off", html, StringComparison.Ordinal);
        var token = await Token(client, page);

        var ok = await Beat(client, "recovery-coach", lesson.Id, new { beatId = Guid.NewGuid(), clientSentAt = DateTime.UtcNow, starting = true, reachedEnd = false }, token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var json = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Credited", json.GetProperty("outcome").GetString());
        Assert.Equal(0, json.GetProperty("creditedSeconds").GetInt32());

        var noToken = await Beat(client, "recovery-coach", lesson.Id, new { beatId = Guid.NewGuid(), starting = false, reachedEnd = false }, null);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var future = await Beat(client, "recovery-coach", lesson.Id, new { beatId = Guid.NewGuid(), clientSentAt = DateTime.UtcNow.AddHours(1), starting = false, reachedEnd = false }, token);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("clock is ahead", (await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);

        var live = Catalog.Find("recovery-coach")!.Lessons.First(l => l.Delivery == LessonDelivery.Live);
        var liveBeat = await Beat(client, "recovery-coach", live.Id, new { beatId = Guid.NewGuid(), starting = false, reachedEnd = false }, token);
        Assert.Equal(HttpStatusCode.BadRequest, liveBeat.StatusCode);
        Assert.Equal("Time is recorded on self-paced lessons only; live lessons count by attendance.",
            (await liveBeat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var empty = await Beat(client, "recovery-coach", lesson.Id, new { starting = false }, token);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task A_burst_of_a_hundred_beats_from_one_person_is_answered_normally_and_counted_once()
    {
        var client = await site.SignedIn(DemoAccounts.Trainee);
        var lesson = Catalog.Find("recovery-coach")!.Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced).Skip(1).First();
        var page = $"/courses/recovery-coach/lessons/{lesson.Id}";
        var token = await Token(client, page);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Beat(client, "recovery-coach", lesson.Id,
            new { beatId = Guid.NewGuid(), clientSentAt = DateTime.UtcNow, starting = false, reachedEnd = false }, token)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var outcomes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString()));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "Credited", "Superseded" }));
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var person = db.Users.Single(u => u.Email == DemoAccounts.Trainee).Id;
        var beats = db.SeatTimeBeats.Where(b => b.PersonId == person && b.LessonId == lesson.Id).ToList();
        Assert.Equal(outcomes.Count(o => o == "Credited"), beats.Count);
        Assert.Equal(beats.Sum(b => b.CreditedSeconds), db.SeatTimeTotals.Single(t => t.PersonId == person && t.LessonId == lesson.Id).ActiveSeconds);
    }

    [Fact]
    public async Task A_lesson_page_shows_the_persons_time_from_their_totals_and_from_their_beats_when_the_totals_are_missing()
    {
        var client = await site.SignedIn(DemoAccounts.Trainee);
        var lesson = Catalog.Find("recovery-coach")!.Lessons.Last(l => l.Delivery == LessonDelivery.SelfPaced);
        var page = $"/courses/recovery-coach/lessons/{lesson.Id}";
        var terry = TerryId();
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var seconds in new[] { 60, 120 })
            {
                db.SeatTimeBeats.Add(new Domain.SeatTimeBeat
                {
                    Id = Guid.NewGuid(), PersonId = terry, CourseId = "recovery-coach", LessonId = lesson.Id, ReceivedAt = DateTime.UtcNow, Day = today, CreditedSeconds = seconds,
                });
            }
            await db.SaveChangesAsync();
        }
        Assert.Contains("Time recorded on this lesson: 3 of", await client.GetStringAsync(page), StringComparison.Ordinal);

        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            db.SeatTimeTotals.Add(new Domain.SeatTimeTotal
            {
                PersonId = terry, CourseId = "recovery-coach", LessonId = lesson.Id, ActiveSeconds = 600, Day = DateOnly.FromDateTime(DateTime.UtcNow), DaySeconds = 600, Version = Guid.NewGuid(),
            });
            await db.SaveChangesAsync();
        }
        Assert.Contains("Time recorded on this lesson: 10 of", await client.GetStringAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_opening_the_same_lesson_in_turn_each_see_their_own_time()
    {
        var lesson = Catalog.Find("recovery-coach")!.Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced).Skip(1).First();
        var page = $"/courses/recovery-coach/lessons/{lesson.Id}";
        var minutes = new Dictionary<string, int> { [DemoAccounts.Trainee] = 4, [DemoAccounts.TraineeB] = 9 };
        foreach (var (email, person) in minutes)
        {
            var personId = await Seed.PersonIdAsync(site.Services, email);
            using var scope = site.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new Features.Enrollments.Enroll.Command(personId, "recovery-coach"));
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            db.SeatTimeTotals.RemoveRange(db.SeatTimeTotals.Where(t => t.PersonId == personId && t.LessonId == lesson.Id));
            db.SeatTimeTotals.Add(new Domain.SeatTimeTotal
            {
                PersonId = personId, CourseId = "recovery-coach", LessonId = lesson.Id, ActiveSeconds = person * 60, Day = DateOnly.FromDateTime(DateTime.UtcNow),
                DaySeconds = person * 60, Version = Guid.NewGuid(),
            });
            await db.SaveChangesAsync();
        }
        var terry = await site.SignedIn(DemoAccounts.Trainee);
        var lena = await site.SignedIn(DemoAccounts.TraineeB);

        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("Time recorded on this lesson: 4 of", await terry.GetStringAsync(page), StringComparison.Ordinal);
            Assert.Contains("Time recorded on this lesson: 9 of", await lena.GetStringAsync(page), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_heartbeat_for_a_course_the_person_is_not_enrolled_in_is_forbidden_with_a_reason()
    {
        var client = await site.SignedIn(DemoAccounts.Facilitator);
        var lesson = Catalog.Find("mat")!.Lessons.First(l => l.Delivery == LessonDelivery.SelfPaced);
        var token = await Token(client, $"/courses/mat/lessons/{lesson.Id}");
        var response = await Beat(client, "mat", lesson.Id, new { beatId = Guid.NewGuid(), starting = true, reachedEnd = false }, token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You are not enrolled in this course, so time on it is not recorded.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_quiz_page_never_sends_the_answer_key_and_an_unanswered_submission_is_refused()
    {
        var client = await site.SignedIn(DemoAccounts.Trainee);
        var module = Catalog.Find("recovery-coach")!.Modules[1];
        var url = $"/courses/recovery-coach/modules/{module.Id}/quiz";
        var html = await client.GetStringAsync(url);
        Assert.Contains("Submit my answers", html, StringComparison.Ordinal);
        foreach (var option in module.Quiz!.Questions.SelectMany(q => q.Options))
        {
            Assert.DoesNotContain(WebUtility.HtmlEncode(option.Rationale), html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("correct", html.ToLowerInvariant().Replace("correction", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var attemptId = AttemptField().Match(html).Groups[1].Value;
        var response = await SiteFactory.PostForm(client, url, new() { ["attemptId"] = attemptId });
        var again = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Question 1 has no answer. Choose an answer before you submit.", again, StringComparison.Ordinal);
        Assert.Contains($"value=\"{attemptId}\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quiz_answered_from_the_lessons_passes_and_shows_the_review()
    {
        var client = await site.SignedIn(DemoAccounts.Trainee);
        var module = Catalog.Find("recovery-coach")!.Modules[2];
        var url = $"/courses/recovery-coach/modules/{module.Id}/quiz";
        var html = await client.GetStringAsync(url);
        var fields = new Dictionary<string, string> { ["attemptId"] = AttemptField().Match(html).Groups[1].Value };
        var content = new List<KeyValuePair<string, string>>();
        // Answered as a reader would, by the options' words: the values are places on this attempt's shuffled paper.
        // The paper draws part of the bank: answer the questions it shows.
        var drawn = module.Quiz!.Questions.Where(q => html.Contains($"id=\"q-{q.Id}-", StringComparison.Ordinal)).ToList();
        Assert.Equal(module.Quiz.Draw, drawn.Count);
        foreach (var q in drawn)
        {
            foreach (var value in QuizPapers.RightValuesOnPage(html, q)) content.Add(new($"answers[{q.Id}]", value));
        }
        content.Add(new("attemptId", fields["attemptId"]));
        content.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value)));
        var response = await client.PostAsync(url, new FormUrlEncodedContent(content));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var result = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("100%", result, StringComparison.Ordinal);
        Assert.Contains("You passed this quiz.", result, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(drawn[0].Options[0].Rationale), result, StringComparison.Ordinal);

        var progress = await client.GetStringAsync("/courses/recovery-coach/progress");
        Assert.Contains("passed", progress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_schedules_a_session_takes_attendance_and_the_trainee_sees_the_hours()
    {
        var facilitator = await site.SignedIn(DemoAccounts.Facilitator);
        var lesson = Catalog.Find("recovery-coach")!.Lessons.Where(l => l.Delivery == LessonDelivery.Live).Skip(3).First();

        var missing = await SiteFactory.PostForm(facilitator, "/facilitate", new() { ["Input.CohortId"] = DemoData.CohortA.ToString(), ["Input.LessonId"] = lesson.Id });
        var missingHtml = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Enter the date of the session.", missingHtml, StringComparison.Ordinal);
        Assert.Contains("Say where the session happens: a place, a video link, or both.", missingHtml, StringComparison.Ordinal);

        var badLink = await SiteFactory.PostForm(facilitator, "/facilitate", new()
        {
            ["Input.CohortId"] = DemoData.CohortA.ToString(), ["Input.LessonId"] = lesson.Id, ["Input.Date"] = "2027-01-12", ["Input.StartTime"] = "10:00",
            ["Input.VideoLink"] = "http://meet.example.org/x",
        });
        Assert.Contains("A video link must be a full address starting with https://.", await badLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ok = await SiteFactory.PostForm(facilitator, "/facilitate", new()
        {
            // A session that has already happened: attendance is refused before a session starts, and this site runs on the real clock.
            ["Input.CohortId"] = DemoData.CohortA.ToString(), ["Input.LessonId"] = lesson.Id, ["Input.Date"] = "2026-11-10", ["Input.StartTime"] = "10:00",
            ["Input.Place"] = "Room 2, Harbor Light",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var list = await facilitator.GetStringAsync("/facilitate");
        var sessionUrl = SessionLink().Matches(list).Select(m => m.Value).Last();

        var attendancePage = await facilitator.GetStringAsync(sessionUrl);
        Assert.Contains("Terry Jackson", attendancePage, StringComparison.Ordinal);
        var personId = await Seed.PersonIdAsync(site.Services, DemoAccounts.Trainee);     // not the first on the list: other tests add people to the cohort
        var saved = await SiteFactory.PostForm(facilitator, sessionUrl + "?handler=Attendance", new() { ["Marks[0].PersonId"] = personId, ["Marks[0].Present"] = "true" }, formPage: sessionUrl);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var savedPage = System.Net.WebUtility.HtmlDecode(await facilitator.GetStringAsync(saved.Headers.Location!.OriginalString));
        Assert.Contains("Attendance saved: 1 change recorded.", savedPage, StringComparison.Ordinal);     // one, not "1 change(s)"

        var change = await SiteFactory.PostForm(facilitator, sessionUrl + "?handler=Attendance", new() { ["Marks[0].PersonId"] = personId, ["Marks[0].Present"] = "false" }, formPage: sessionUrl);
        Assert.Contains("Attendance for Terry Jackson was already recorded. Say why you are changing it.", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var makeUp = await SiteFactory.PostForm(facilitator, sessionUrl + "?handler=MakeUp", new() { ["MakeUpEmail"] = "nobody@example.org" }, formPage: sessionUrl);
        Assert.Contains(TrainingHub.Features.Sessions.AddMakeUpAttendee.NotFound, await makeUp.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var trainee = await site.SignedIn(DemoAccounts.Trainee);
        var hours = await trainee.GetStringAsync("/my/hours");
        Assert.Contains(WebUtility.HtmlEncode(lesson.Title), hours, StringComparison.Ordinal);
        Assert.Contains("In person", hours, StringComparison.Ordinal);

        var csv = await trainee.GetAsync("/my/hours?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        // A board reads whose record it is and which provider approved the training before the lines themselves.
        Assert.StartsWith("Person,Training provider,Provider approval numbers,Course number,Date completed,Course,Lesson,Hours,Domain,Delivery,Source,Status,Correction reason\r\n", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("2026-11-10,Recovery Coach Training", text, StringComparison.Ordinal);

        var otherSite = await site.SignedIn(DemoAccounts.CoordinatorB, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSite.GetAsync(sessionUrl)).StatusCode);
    }

    [Fact]
    public async Task A_trainee_cannot_open_the_facilitator_pages()
    {
        var client = await site.SignedIn(DemoAccounts.TraineeB);
        var response = await client.GetAsync("/facilitate");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resetting_quiz_attempts_without_a_reason_is_refused()
    {
        var client = await site.SignedIn(DemoAccounts.Facilitator);
        var url = $"/facilitate/cohorts/{DemoData.CohortA}/quizzes";
        var html = await client.GetStringAsync(url);
        var personId = ResetPerson().Match(html);
        // No trainee has used up their attempts yet, so there is no reset form; post one as a crafted request would.
        Assert.False(personId.Success);
        var module = Catalog.Find("recovery-coach")!.Modules[0];
        var response = await SiteFactory.PostForm(client, url, new() { ["Input.PersonId"] = TerryId(), ["Input.ModuleId"] = module.Id, ["Input.Reason"] = "" });
        Assert.Contains("Say why the attempts are reset", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private string TerryId()
    {
        using var scope = site.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Users.Single(u => u.Email == DemoAccounts.Trainee).Id;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"attemptId\" value=\"([^\"]+)\"")]
    private static partial Regex AttemptField();

    [GeneratedRegex("/facilitate/sessions/[0-9a-f-]{36}")]
    private static partial Regex SessionLink();

    [GeneratedRegex("name=\"Input.PersonId\" value=\"([^\"]+)\"")]
    private static partial Regex ResetPerson();
}
