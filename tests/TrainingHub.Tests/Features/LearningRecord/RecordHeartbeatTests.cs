using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Shared;

namespace TrainingHub.Tests.Features.LearningRecord;

/// <summary>Every test here runs twice: with SQLite's grouped commits (this class) and with each beat saved on its own (below).</summary>
public class RecordHeartbeatTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;
    private string _terry = "";

    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>This class's settings plus one more, for a test that starts a host of its own.</summary>
    private Dictionary<string, string?> With(string key, string value) => new(Settings ?? new Dictionary<string, string?>()) { [key] = value };

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartAsync(Settings);
        _terry = await _host.IdOf(DemoAccounts.Trainee);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Lesson HalfHourLesson => _host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.First(l => l.Delivery == LessonDelivery.SelfPaced && l.Hours == 0.5m && l.DomainHours.Count == 1);

    private Task<RecordHeartbeat.Result> Beat(Lesson lesson, bool starting = false, bool reachedEnd = false, Guid? beatId = null,
        DateTime? clientSentAt = null, string? personId = null) =>
        _host.Send(new RecordHeartbeat.Command(personId ?? _terry, lesson.CourseId, lesson.Id, beatId ?? Guid.NewGuid(),
            clientSentAt ?? _host.Clock.UtcNow, starting, reachedEnd));

    /// <summary>Moves the clock by <paramref name="seconds"/>, then beats.</summary>
    private async Task<RecordHeartbeat.Result> BeatAfter(double seconds, Lesson lesson, bool reachedEnd = false)
    {
        _host.Clock.AdvanceSeconds(seconds);
        return await Beat(lesson, reachedEnd: reachedEnd);
    }

    private Task<int> BeatCount(string personId) => _host.Db(db => db.SeatTimeBeats.CountAsync(b => b.PersonId == personId));

    private Task<int> CreditedSeconds(string personId) => _host.Db(db => db.SeatTimeBeats.Where(b => b.PersonId == personId).SumAsync(b => b.CreditedSeconds));

    [Fact]
    public async Task A_beat_on_a_course_the_person_is_not_enrolled_in_is_forbidden_and_writes_nothing()
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        var e = await Assert.ThrowsAsync<ForbiddenException>(() => Beat(HalfHourLesson, starting: true, personId: lena));
        Assert.Equal("You are not enrolled in this course, so time on it is not recorded.", e.Message);
        _host.Clock.AdvanceSeconds(20);
        await Assert.ThrowsAsync<ForbiddenException>(() => Beat(HalfHourLesson, personId: lena));

        Assert.Equal(0, await BeatCount(lena));
        Assert.False(await _host.Db(db => db.SeatTimeClocks.AnyAsync(c => c.PersonId == lena)));
        Assert.Empty(await _host.HoursOf(lena));
    }

    [Fact]
    public async Task Progress_on_a_course_the_person_is_not_enrolled_in_is_forbidden()
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        var e = await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new GetCourseProgress.Query(lena, LearningRecordHost.RecoveryCoach)));
        Assert.Equal("Enrol in this course to see your progress.", e.Message);
    }

    [Fact]
    public async Task A_beat_on_a_live_lesson_is_refused_because_live_lessons_count_by_attendance()
    {
        var live = _host.Live(LearningRecordHost.RecoveryCoach);
        var e = await Assert.ThrowsAsync<ValidationException>(() => Beat(live, starting: true));
        Assert.Equal("Time is recorded on self-paced lessons only; live lessons count by attendance.", Assert.Single(e.Errors).ErrorMessage);
        Assert.Equal(0, await BeatCount(_terry));
        Assert.False(await _host.Db(db => db.SeatTimeClocks.AnyAsync(c => c.PersonId == _terry)));
    }

    [Fact]
    public async Task A_beat_on_an_unknown_lesson_is_refused()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            _host.Send(new RecordHeartbeat.Command(_terry, LearningRecordHost.RecoveryCoach, "no-such-lesson", Guid.NewGuid(), _host.Clock.UtcNow, true, false)));
        Assert.Contains(e.Errors, f => f.ErrorMessage == "There is no such lesson.");
        Assert.Equal(0, await BeatCount(_terry));
    }

    [Fact]
    public async Task The_first_beat_starts_the_clock_and_later_beats_earn_at_most_beat_plus_slack()
    {
        var lesson = HalfHourLesson;
        var first = await Beat(lesson, starting: true);
        Assert.Equal(RecordHeartbeat.Outcome.Credited, first.Outcome);
        Assert.Equal(0, first.CreditedSeconds);
        Assert.Equal(1500, first.RequiredSeconds);

        Assert.Equal(20, (await BeatAfter(20, lesson)).CreditedSeconds);
        Assert.Equal(30, (await BeatAfter(45, lesson)).CreditedSeconds);      // late: capped at 20 + 10
        Assert.Equal(30, (await BeatAfter(3600, lesson)).CreditedSeconds);    // an hour away earns one beat, not an hour
        var again = await Beat(lesson);                                        // same instant as the last beat
        Assert.Equal(0, again.CreditedSeconds);
        Assert.Equal(80, again.ActiveSeconds);

        // A page that just opened starts afresh: the time since the last beat was not spent on this page.
        var opened = await BeatAfter(25, lesson);
        Assert.Equal(25, opened.CreditedSeconds);
        _host.Clock.AdvanceSeconds(25);
        Assert.Equal(0, (await Beat(lesson, starting: true)).CreditedSeconds);
        Assert.Equal(105, await CreditedSeconds(_terry));
    }

    [Fact]
    public async Task A_repeated_beat_id_is_a_duplicate_and_credits_nothing_the_second_time()
    {
        var lesson = HalfHourLesson;
        await Beat(lesson, starting: true);
        var id = Guid.NewGuid();
        _host.Clock.AdvanceSeconds(20);
        var once = await Beat(lesson, beatId: id);
        Assert.Equal((RecordHeartbeat.Outcome.Credited, 20), (once.Outcome, once.CreditedSeconds));

        _host.Clock.AdvanceSeconds(20);
        var twice = await Beat(lesson, beatId: id);
        Assert.Equal(RecordHeartbeat.Outcome.Duplicate, twice.Outcome);
        Assert.Equal(0, twice.CreditedSeconds);
        Assert.Equal(20, twice.ActiveSeconds);

        Assert.Equal(2, await BeatCount(_terry));
        Assert.Equal(20, await CreditedSeconds(_terry));
    }

    [Fact]
    public async Task A_beat_stamped_in_the_future_is_refused_and_writes_nothing()
    {
        var lesson = HalfHourLesson;
        var result = await Beat(lesson, starting: true, clientSentAt: _host.Clock.UtcNow.AddMinutes(10));
        Assert.Equal(RecordHeartbeat.Outcome.FromTheFuture, result.Outcome);
        Assert.Equal(0, result.CreditedSeconds);
        Assert.Equal(0, await BeatCount(_terry));
        Assert.False(await _host.Db(db => db.SeatTimeClocks.AnyAsync(c => c.PersonId == _terry)));

        // Nor does it move a running clock.
        await Beat(lesson, starting: true);
        var clockBefore = await _host.Db(db => db.SeatTimeClocks.AsNoTracking().SingleAsync(c => c.PersonId == _terry));
        _host.Clock.AdvanceSeconds(20);
        Assert.Equal(RecordHeartbeat.Outcome.FromTheFuture, (await Beat(lesson, clientSentAt: _host.Clock.UtcNow.AddHours(1))).Outcome);
        var clockAfter = await _host.Db(db => db.SeatTimeClocks.AsNoTracking().SingleAsync(c => c.PersonId == _terry));
        Assert.Equal(clockBefore.LastBeatAt, clockAfter.LastBeatAt);
        Assert.Equal(clockBefore.Version, clockAfter.Version);
        Assert.Equal(1, await BeatCount(_terry));
    }

    [Fact]
    public async Task Two_tabs_beating_on_two_lessons_never_earn_more_than_the_time_on_the_wall_clock()
    {
        var course = _host.CourseOf(LearningRecordHost.RecoveryCoach);
        var tabA = course.Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced).ElementAt(0);
        var tabB = course.Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced).ElementAt(1);
        var started = _host.Clock.UtcNow;

        await Beat(tabA, starting: true);
        // Each tab beats every 20 seconds, ten seconds apart: a clock per tab would earn 20 s a beat, twice over.
        var credited = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            credited.Add((await BeatAfter(10, tabB)).CreditedSeconds);
            credited.Add((await BeatAfter(10, tabA)).CreditedSeconds);
        }
        // Both tabs at the very same instant: the second overlaps the first.
        credited.Add((await Beat(tabB)).CreditedSeconds);

        var wallClock = (int)(_host.Clock.UtcNow - started).TotalSeconds;
        Assert.Equal(200, wallClock);
        Assert.All(credited.Take(20), c => Assert.Equal(10, c));
        Assert.Equal(0, credited[^1]);
        Assert.Equal(wallClock, await CreditedSeconds(_terry));
        var perLesson = await _host.Db(db => db.SeatTimeBeats.Where(b => b.PersonId == _terry)
            .GroupBy(b => b.LessonId).Select(g => new { g.Key, Seconds = g.Sum(b => b.CreditedSeconds) }).ToDictionaryAsync(x => x.Key, x => x.Seconds));
        Assert.Equal(100, perLesson[tabA.Id]);
        Assert.Equal(100, perLesson[tabB.Id]);
    }

    [Fact]
    public async Task Beats_from_several_tabs_arriving_at_the_same_moment_credit_the_time_once()
    {
        var course = _host.CourseOf(LearningRecordHost.RecoveryCoach);
        var lessons = course.Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced).Take(2).ToList();
        await Beat(lessons[0], starting: true);
        _host.Clock.AdvanceSeconds(30);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Beat(lessons[i % 2])));

        Assert.All(results, r => Assert.Equal(RecordHeartbeat.Outcome.Credited, r.Outcome));
        Assert.Equal(30, results.Sum(r => r.CreditedSeconds));
        Assert.Equal(5, await BeatCount(_terry));
        Assert.Equal(30, await CreditedSeconds(_terry));
    }

    [Fact]
    public async Task The_same_beat_arriving_twice_at_once_is_stored_and_credited_once()
    {
        var lesson = HalfHourLesson;
        await Beat(lesson, starting: true);
        _host.Clock.AdvanceSeconds(20);
        var id = Guid.NewGuid();

        var results = await Task.WhenAll(Beat(lesson, beatId: id), Beat(lesson, beatId: id));

        Assert.Equal([RecordHeartbeat.Outcome.Credited, RecordHeartbeat.Outcome.Duplicate], results.Select(r => r.Outcome).Order());
        Assert.Equal(20, results.Sum(r => r.CreditedSeconds));
        Assert.Equal(1, await _host.Db(db => db.SeatTimeBeats.CountAsync(b => b.Id == id)));
        Assert.Equal(20, await CreditedSeconds(_terry));
    }

    [Fact]
    public async Task Another_persons_clock_is_their_own()
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new TrainingHub.Features.Enrollments.Enroll.Command(lena, LearningRecordHost.RecoveryCoach));
        var lesson = HalfHourLesson;
        await Beat(lesson, starting: true);
        await Beat(lesson, starting: true, personId: lena);
        _host.Clock.AdvanceSeconds(20);
        Assert.Equal(20, (await Beat(lesson)).CreditedSeconds);
        Assert.Equal(20, (await Beat(lesson, personId: lena)).CreditedSeconds);
    }

    [Fact]
    public async Task Active_time_on_a_lesson_stops_at_the_daily_cap_and_starts_again_the_next_day()
    {
        await using var host = await LearningRecordHost.StartAsync(With("LearningRecord:MaxActiveMinutesPerLessonPerDay", "15"));
        var terry = await host.IdOf(DemoAccounts.Trainee);
        var selfPaced = host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced && l.Hours == 0.5m).ToList();
        var (lesson, other) = (selfPaced[0], selfPaced[1]);
        Task<RecordHeartbeat.Result> BeatOn(Lesson l, bool starting = false, bool end = false) =>
            host.Send(new RecordHeartbeat.Command(terry, l.CourseId, l.Id, Guid.NewGuid(), host.Clock.UtcNow, starting, end));

        await BeatOn(lesson, starting: true);
        RecordHeartbeat.Result last = null!;
        for (var i = 0; i < 32; i++)
        {
            host.Clock.AdvanceSeconds(30);
            last = await BeatOn(lesson, end: true);
        }
        Assert.Equal(900, last.ActiveSeconds);          // 15 minutes, not 16
        Assert.Equal(0, last.CreditedSeconds);
        Assert.False(last.LessonComplete);              // reached the end, but 900 s of the 1500 needed
        Assert.Empty(await host.HoursOf(terry));

        // The cap is per lesson: another lesson still earns today.
        host.Clock.AdvanceSeconds(30);
        Assert.Equal(30, (await BeatOn(other)).CreditedSeconds);

        // The next day the lesson earns again, up to completion.
        host.Clock.SetUtcNow(LearningRecordHost.Start.AddDays(1));
        await BeatOn(lesson, starting: true);
        for (var i = 0; i < 20; i++)
        {
            host.Clock.AdvanceSeconds(30);
            last = await BeatOn(lesson);
        }
        Assert.Equal(1500, last.ActiveSeconds);
        Assert.True(last.LessonComplete);
        var days = await host.Db(db => db.SeatTimeBeats.Where(b => b.PersonId == terry && b.LessonId == lesson.Id)
            .GroupBy(b => b.Day).Select(g => new { g.Key, Seconds = g.Sum(b => b.CreditedSeconds) }).ToDictionaryAsync(x => x.Key, x => x.Seconds));
        Assert.Equal(900, days[new DateOnly(2027, 1, 12)]);
        Assert.Equal(600, days[new DateOnly(2027, 1, 13)]);
        // One entry per domain the lesson's hours count toward, all completed on the second day.
        var entries = await host.HoursOf(terry);
        Assert.Equal(lesson.Hours, entries.Sum(e => e.Hours));
        Assert.All(entries, e => Assert.Equal(new DateOnly(2027, 1, 13), e.CompletedOn));
    }

    /// <summary>The person's running totals for a lesson must equal the same figures added up from their beats.</summary>
    private static async Task AssertTotalsMatchBeats(LearningRecordHost host, string personId, Lesson lesson)
    {
        var totals = await host.Db(db => db.SeatTimeTotals.AsNoTracking().SingleAsync(t => t.PersonId == personId && t.LessonId == lesson.Id));
        var beats = await host.Db(db => db.SeatTimeBeats.AsNoTracking().Where(b => b.PersonId == personId && b.LessonId == lesson.Id).ToListAsync());
        Assert.NotEmpty(beats);
        var latest = beats.Max(b => b.Day);
        Assert.Equal(
            (beats.Sum(b => b.CreditedSeconds), beats.Any(b => b.ReachedEnd), latest, beats.Where(b => b.Day == latest).Sum(b => b.CreditedSeconds)),
            (totals.ActiveSeconds, totals.ReachedEnd, totals.Day, totals.DaySeconds));
    }

    [Fact]
    public async Task The_running_totals_always_equal_what_the_beats_add_up_to()
    {
        var lessons = _host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced).Take(2).ToList();
        await Beat(lessons[0], starting: true);
        for (var i = 0; i < 6; i++) await BeatAfter(25, lessons[i % 2]);
        // Tabs racing, a repeated beat and a beat from the future: none may move the totals away from the beats.
        _host.Clock.AdvanceSeconds(30);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Beat(lessons[i % 2], reachedEnd: i == 3)));
        var repeated = Guid.NewGuid();
        _host.Clock.AdvanceSeconds(20);
        await Beat(lessons[0], beatId: repeated);
        Assert.Equal(RecordHeartbeat.Outcome.Duplicate, (await Beat(lessons[0], beatId: repeated)).Outcome);
        Assert.Equal(RecordHeartbeat.Outcome.FromTheFuture, (await Beat(lessons[0], clientSentAt: _host.Clock.UtcNow.AddHours(1))).Outcome);
        // And the next day.
        _host.Clock.SetUtcNow(LearningRecordHost.Start.AddDays(1));
        await Beat(lessons[1], starting: true);
        for (var i = 0; i < 3; i++) await BeatAfter(30, lessons[1]);

        await AssertTotalsMatchBeats(_host, _terry, lessons[0]);
        await AssertTotalsMatchBeats(_host, _terry, lessons[1]);
        var second = await _host.Db(db => db.SeatTimeTotals.AsNoTracking().SingleAsync(t => t.PersonId == _terry && t.LessonId == lessons[1].Id));
        Assert.Equal((new DateOnly(2027, 1, 13), 90), (second.Day, second.DaySeconds));
        Assert.True(second.ReachedEnd);
        Assert.Equal(await CreditedSeconds(_terry),
            await _host.Db(db => db.SeatTimeTotals.Where(t => t.PersonId == _terry).SumAsync(t => t.ActiveSeconds)));
    }

    [Fact]
    public async Task Beats_recorded_before_running_totals_were_kept_are_added_up_once_and_still_count_toward_the_daily_cap()
    {
        await using var host = await LearningRecordHost.StartAsync(With("LearningRecord:MaxActiveMinutesPerLessonPerDay", "15"));
        var terry = await host.IdOf(DemoAccounts.Trainee);
        var lesson = host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.First(l => l.Delivery == LessonDelivery.SelfPaced && l.Hours == 0.5m);
        Task<RecordHeartbeat.Result> BeatOn(bool starting = false, bool end = false) =>
            host.Send(new RecordHeartbeat.Command(terry, lesson.CourseId, lesson.Id, Guid.NewGuid(), host.Clock.UtcNow, starting, end));
        await BeatOn(starting: true);
        for (var i = 0; i < 20; i++)
        {
            host.Clock.AdvanceSeconds(30);
            await BeatOn(end: i == 5);
        }
        // As a database from before the running totals would be: beats, and no totals.
        Assert.Equal(1, await host.Db(db => db.SeatTimeTotals.Where(t => t.PersonId == terry).ExecuteDeleteAsync()));

        host.Clock.AdvanceSeconds(30);
        var next = await BeatOn();
        Assert.Equal((30, 630, true), (next.CreditedSeconds, next.ActiveSeconds, next.ReachedEnd));
        RecordHeartbeat.Result last = next;
        for (var i = 0; i < 20; i++)
        {
            host.Clock.AdvanceSeconds(30);
            last = await BeatOn();
        }
        Assert.Equal((0, 900), (last.CreditedSeconds, last.ActiveSeconds));   // the day's 15 minutes, counted across the change
        await AssertTotalsMatchBeats(host, terry, lesson);
    }

    [Fact]
    public async Task A_beat_leaves_its_database_connection_closed_for_the_next_request_that_gets_the_pooled_context()
    {
        var lesson = HalfHourLesson;
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHub.Data.TrainingHubDb>();
        var sender = scope.ServiceProvider.GetRequiredService<Mediator.ISender>();

        await sender.Send(new RecordHeartbeat.Command(_terry, lesson.CourseId, lesson.Id, Guid.NewGuid(), _host.Clock.UtcNow, true, false));
        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);

        // Also when the beat is refused part-way (here: not enrolled).
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await sender.Send(new RecordHeartbeat.Command(lena, lesson.CourseId, lesson.Id, Guid.NewGuid(), _host.Clock.UtcNow, true, false)));
        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
    }

    [Fact]
    public async Task Enough_active_time_and_the_end_reached_credit_the_lesson_once_in_the_ledger()
    {
        var lesson = HalfHourLesson;
        var enrollment = await _host.Db(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == _terry && e.CourseId == LearningRecordHost.RecoveryCoach));
        await Beat(lesson, starting: true);
        for (var i = 0; i < 49; i++) await BeatAfter(30, lesson);

        // The required 1500 s without reaching the end: not yet.
        var timeOnly = await BeatAfter(30, lesson);
        Assert.Equal((1500, false, false), (timeOnly.ActiveSeconds, timeOnly.ReachedEnd, timeOnly.LessonComplete));
        Assert.Empty(await _host.HoursOf(_terry));
        var progress = await _host.Send(new GetCourseProgress.Query(_terry, LearningRecordHost.RecoveryCoach));
        Assert.Equal(GetCourseProgress.LessonStatus.InProgress, progress.Modules.SelectMany(m => m.Lessons).Single(l => l.Id == lesson.Id).Status);

        // Reaching the end completes the lesson.
        var done = await BeatAfter(30, lesson, reachedEnd: true);
        Assert.Equal((1530, true, true), (done.ActiveSeconds, done.ReachedEnd, done.LessonComplete));
        var entry = Assert.Single(await _host.HoursOf(_terry));
        Assert.Equal(HoursSource.SeatTime, entry.Source);
        Assert.Equal(HoursDelivery.SelfPaced, entry.Delivery);
        Assert.Equal(HoursStatus.Credited, entry.Status);
        Assert.Equal(lesson.Hours, entry.Hours);
        Assert.Equal(lesson.PrimaryDomain, entry.Domain);
        Assert.Equal(string.Join(',', lesson.Domains), entry.DomainTags);
        Assert.Equal(lesson.Id, entry.LessonId);
        Assert.Equal(enrollment.Id, entry.EnrollmentId);
        Assert.Equal(enrollment.CourseVersion, entry.CourseVersion);
        Assert.Equal(LearningRecordHost.RecoveryCoach, entry.CourseId);
        Assert.Null(entry.LiveSessionId);
        Assert.Null(entry.ReversesEntryId);
        Assert.Equal(new DateOnly(2027, 1, 12), entry.CompletedOn);

        // Reading on, and reaching the end again, never writes a second entry.
        for (var i = 0; i < 5; i++)
        {
            var more = await BeatAfter(30, lesson, reachedEnd: true);
            Assert.True(more.LessonComplete);
        }
        Assert.Single(await _host.HoursOf(_terry));
        Assert.Equal(1, await _host.AuditCount(AuditActions.HoursCredited));

        progress = await _host.Send(new GetCourseProgress.Query(_terry, LearningRecordHost.RecoveryCoach));
        var row = progress.Modules.SelectMany(m => m.Lessons).Single(l => l.Id == lesson.Id);
        Assert.Equal(GetCourseProgress.LessonStatus.Done, row.Status);
        Assert.Equal(lesson.Hours, row.CreditedHours);
        Assert.Equal(1680, row.ActiveSeconds);
        Assert.Equal(1500, row.RequiredSeconds);
        Assert.True(row.ReachedEnd);
        Assert.Equal(lesson.Hours, progress.CreditedHours);
        Assert.False(progress.Complete);
        Assert.Equal(EnrollmentStatus.Active, progress.Status);
    }
}

/// <summary>The same tests with each beat saved on its own: the path SQL Server and PostgreSQL take.</summary>
public sealed class RecordHeartbeatDirectSaveTests : RecordHeartbeatTests
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Database:GroupSqliteCommits"] = "false" };
}
