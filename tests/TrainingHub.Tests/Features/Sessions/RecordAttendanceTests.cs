using Microsoft.EntityFrameworkCore;
using FluentValidation;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Sessions;

public sealed class RecordAttendanceTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2027, 1, 19);

    private LearningRecordHost _host = null!;
    private string _terry = "";
    private string _facilitator = "";
    private Lesson _lesson = null!;

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartAsync(new Dictionary<string, string?> { ["Institute:AllowCrossSiteMakeUps"] = "true" });
        await SetUp(_host);
    }

    private async Task SetUp(LearningRecordHost host)
    {
        _host = host;
        _terry = await host.IdOf(DemoAccounts.Trainee);
        _facilitator = await host.IdOf(DemoAccounts.Facilitator);
        _lesson = host.Live(LearningRecordHost.RecoveryCoach);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Guid> Schedule(string? place = "Room 2, Harbor Light", string? link = null, DateOnly? day = null)
    {
        var id = await _host.Send(new ScheduleSession.Command(_facilitator, DemoData.CohortA, _lesson.Id, day ?? Day, new TimeOnly(10, 0), place, link));
        _host.Clock.AdvanceSeconds(60);
        return id;
    }

    private async Task<int> Mark(Guid session, string personId, bool present, string? reason = null, int? from = null, int? to = null, string? actorId = null)
    {
        await _host.ReachStartOfAsync(session);
        var changed = await _host.Send(new RecordAttendance.Command(actorId ?? _facilitator, session, [new RecordAttendance.Mark(personId, present, from, to)], reason));
        _host.Clock.AdvanceSeconds(60);
        return changed;
    }

    private Task<List<AttendanceRecord>> Records(Guid session) =>
        _host.Db(db => db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == session).OrderBy(a => a.RecordedAt).ToListAsync());

    private Task<SessionAttendance.Result> Roster(Guid session) => _host.Send(new SessionAttendance.Query(_facilitator, session));

    [Theory]
    [InlineData("Room 2, Harbor Light", null, HoursDelivery.InPerson)]
    [InlineData(null, "https://meet.example.org/rc-1", HoursDelivery.LiveVirtual)]
    [InlineData("Room 2, Harbor Light", "https://meet.example.org/rc-1", HoursDelivery.LiveVirtual)]
    public async Task Present_credits_the_lesson_hours_with_the_sessions_delivery(string? place, string? link, HoursDelivery delivery)
    {
        var session = await Schedule(place, link);
        Assert.Equal(1, await Mark(session, _terry, present: true));

        var entry = Assert.Single(await _host.HoursOf(_terry));
        Assert.Equal(_lesson.Hours, entry.Hours);
        Assert.Equal(delivery, entry.Delivery);
        Assert.Equal(HoursSource.Attendance, entry.Source);
        Assert.Equal(HoursStatus.Credited, entry.Status);
        Assert.Equal(_lesson.Id, entry.LessonId);
        Assert.Equal(_lesson.PrimaryDomain, entry.Domain);
        Assert.Equal(session, entry.LiveSessionId);
        Assert.Equal(_facilitator, entry.RecordedById);
        Assert.Equal(Day, entry.CompletedOn);                    // the session's own date, not the day it was recorded
        var record = Assert.Single(await Records(session));
        Assert.True(record.Present);
        Assert.Null(record.CorrectionReason);
        Assert.Equal(_lesson.Hours, Assert.Single((await Roster(session)).Roster).CreditedHours);
    }

    [Fact]
    public async Task Recording_the_same_mark_again_writes_nothing()
    {
        var session = await Schedule();
        await Mark(session, _terry, present: true);
        var audits = await _host.AuditCount(AuditActions.AttendanceRecorded);

        Assert.Equal(0, await Mark(session, _terry, present: true));
        Assert.Equal(0, await Mark(session, _terry, present: true, reason: "saved the page twice"));

        Assert.Single(await Records(session));
        Assert.Single(await _host.HoursOf(_terry));
        Assert.Equal(audits, await _host.AuditCount(AuditActions.AttendanceRecorded));
    }

    [Fact]
    public async Task Absent_is_recorded_and_credits_nothing()
    {
        var session = await Schedule();
        Assert.Equal(1, await Mark(session, _terry, present: false));
        Assert.False(Assert.Single(await Records(session)).Present);
        Assert.Empty(await _host.HoursOf(_terry));
        Assert.False(Assert.Single((await Roster(session)).Roster).Present);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Changing_a_recorded_mark_without_a_reason_is_refused(string? reason)
    {
        var session = await Schedule();
        await Mark(session, _terry, present: true);

        var e = await Assert.ThrowsAsync<ValidationException>(() => Mark(session, _terry, present: false, reason: reason));
        Assert.Equal("Attendance for Terry Jackson was already recorded. Say why you are changing it.", Assert.Single(e.Errors).ErrorMessage);
        Assert.True(Assert.Single(await Records(session)).Present);
        Assert.Equal(_lesson.Hours, Assert.Single(await _host.HoursOf(_terry)).Hours);
    }

    [Fact]
    public async Task Changing_present_to_absent_with_a_reason_adds_a_reversing_entry_and_changes_nothing_already_written()
    {
        var session = await Schedule();
        await Mark(session, _terry, present: true);
        var original = Assert.Single(await _host.HoursOf(_terry));
        var firstRecord = Assert.Single(await Records(session));

        Assert.Equal(1, await Mark(session, _terry, present: false, reason: "  Marked the wrong person: Terry was not there.  "));

        var entries = await _host.HoursOf(_terry);
        Assert.Equal(2, entries.Count);
        var kept = entries.Single(h => h.Id == original.Id);
        Assert.Equal(original.Hours, kept.Hours);                // the credit itself is untouched
        Assert.Equal(original.IdempotencyKey, kept.IdempotencyKey);
        Assert.Null(kept.ReversesEntryId);
        var reversal = entries.Single(h => h.Id != original.Id);
        Assert.Equal(-original.Hours, reversal.Hours);
        Assert.Equal(original.Id, reversal.ReversesEntryId);
        Assert.Equal("Marked the wrong person: Terry was not there.", reversal.Reason);
        Assert.Equal(HoursSource.Correction, reversal.Source);
        Assert.Equal(_facilitator, reversal.RecordedById);
        Assert.Equal(original.LessonId, reversal.LessonId);
        Assert.Equal(session, reversal.LiveSessionId);
        Assert.Equal(0m, entries.Sum(h => h.Hours));

        var records = await Records(session);
        Assert.Equal(2, records.Count);
        Assert.Equal(firstRecord.Id, records[0].Id);
        Assert.True(records[0].Present);                          // the first mark is still there as it was
        Assert.Null(records[0].CorrectionReason);
        Assert.False(records[1].Present);
        Assert.Equal("Marked the wrong person: Terry was not there.", records[1].CorrectionReason);
        Assert.Equal(1, await _host.AuditCount(AuditActions.HoursReversed));

        var row = Assert.Single((await Roster(session)).Roster);
        Assert.False(row.Present);
        Assert.Equal(0m, row.CreditedHours);
        var progress = await _host.Send(new TrainingHub.Features.LearningRecord.GetCourseProgress.Query(_terry, LearningRecordHost.RecoveryCoach));
        Assert.Equal(0m, progress.CreditedHours);

        // Marking present again (with a reason) credits the lesson once more: net hours are the lesson's again.
        Assert.Equal(1, await Mark(session, _terry, present: true, reason: "Terry was there after all."));
        entries = await _host.HoursOf(_terry);
        Assert.Equal(3, entries.Count);
        Assert.Equal(_lesson.Hours, entries.Sum(h => h.Hours));
    }

    [Fact]
    public async Task A_second_session_for_the_same_lesson_never_credits_it_twice()
    {
        var first = await Schedule();
        var second = await Schedule(day: Day.AddDays(7));
        await Mark(first, _terry, present: true);
        Assert.Equal(1, await Mark(second, _terry, present: true));   // the attendance is recorded…

        var entry = Assert.Single(await _host.HoursOf(_terry));       // …but the lesson counts once
        Assert.Equal(first, entry.LiveSessionId);
        Assert.Equal(0m, Assert.Single((await Roster(second)).Roster).CreditedHours);
    }

    [Fact]
    public async Task Only_people_on_the_sessions_list_can_be_marked()
    {
        var session = await Schedule();
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new Enroll.Command(lena, LearningRecordHost.RecoveryCoach));   // enrolled, but not in this cohort

        var e = await Assert.ThrowsAsync<ValidationException>(() => Mark(session, lena, present: true));
        Assert.Equal("This person is not on this session's list.", Assert.Single(e.Errors).ErrorMessage);
        Assert.Empty(await Records(session));
        Assert.Empty(await _host.HoursOf(lena));
    }

    [Fact]
    public async Task A_leaving_time_after_the_end_of_the_session_is_refused()
    {
        var session = await Schedule();
        var minutes = (int)(_lesson.Hours * 60);
        var e = await Assert.ThrowsAsync<ValidationException>(() => Mark(session, _terry, present: true, from: 0, to: minutes + 1));
        Assert.Equal($"Terry Jackson: the session lasts {minutes} minutes; enter a leaving time within it.", Assert.Single(e.Errors).ErrorMessage);
        await Assert.ThrowsAsync<ValidationException>(() => Mark(session, _terry, present: true, from: 30, to: 20));
        Assert.Empty(await Records(session));
    }

    [Theory]
    [InlineData(DemoAccounts.CoordinatorB)]
    [InlineData(DemoAccounts.Supervisor)]
    [InlineData(DemoAccounts.Trainee)]
    public async Task Someone_who_does_not_run_the_cohort_cannot_take_attendance(string actor)
    {
        var session = await Schedule();
        var actorId = await _host.IdOf(actor);
        await Assert.ThrowsAsync<ForbiddenException>(() => Mark(session, _terry, present: true, actorId: actorId));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new SessionAttendance.Query(actorId, session)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new AddMakeUpAttendee.Command(actorId, session, DemoAccounts.TraineeB)));
        Assert.Empty(await Records(session));
        Assert.Empty(await _host.HoursOf(_terry));
    }

    private async Task<string> EnrolLenaAndAddHerFor(Guid session)
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new Enroll.Command(lena, LearningRecordHost.RecoveryCoach));     // enrolled at her own site, in no cohort
        await _host.ReachStartOfAsync(session);
        await AskAndAccept(session, $"  {DemoAccounts.TraineeB.ToUpperInvariant()} ", lena);
        _host.Clock.AdvanceSeconds(60);
        return lena;
    }

    /// <summary>Lena is of site B: the site A facilitator only asks her, and she joins the list when she accepts.</summary>
    private async Task AskAndAccept(Guid session, string email, string lena)
    {
        Assert.True((await _host.Send(new AddMakeUpAttendee.Command(_facilitator, session, email))).AwaitingConsent);
        Assert.DoesNotContain((await Roster(session)).Roster, p => p.PersonId == lena);
        var request = Assert.Single(await _host.Send(new MyMakeUps.Query(lena)), r => !r.Accepted);
        Assert.Equal("Harbor Light Recovery Center", request.SiteName);
        await _host.Send(new AcceptMakeUp.Command(lena, request.Id));
        _host.Clock.AdvanceSeconds(60);
    }

    [Fact]
    public async Task A_trainee_of_another_site_is_not_put_on_the_list_where_the_institute_does_not_allow_make_ups_across_sites()
    {
        await _host.DisposeAsync();
        await SetUp(await LearningRecordHost.StartAsync());
        var session = await Schedule();
        await _host.ReachStartOfAsync(session);
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new Enroll.Command(lena, LearningRecordHost.RecoveryCoach));
        var e = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AddMakeUpAttendee.Command(_facilitator, session, DemoAccounts.TraineeB)));
        Assert.Equal(AddMakeUpAttendee.NotFound, Assert.Single(e.Errors).ErrorMessage);
        Assert.Empty(await Records(session));
        Assert.Empty(await _host.Send(new MyMakeUps.Query(lena)));
    }

    [Fact]
    public async Task A_trainee_of_another_site_who_has_not_accepted_cannot_be_marked_or_credited()
    {
        var session = await Schedule();
        await _host.ReachStartOfAsync(session);
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new Enroll.Command(lena, LearningRecordHost.RecoveryCoach));
        await _host.Send(new AddMakeUpAttendee.Command(_facilitator, session, DemoAccounts.TraineeB));
        var asked = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AddMakeUpAttendee.Command(_facilitator, session, DemoAccounts.TraineeB)));
        Assert.StartsWith("This trainee has already been asked.", Assert.Single(asked.Errors).ErrorMessage, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationException>(() => Mark(session, lena, present: true));
        Assert.Empty(await _host.HoursOf(lena));
        var requestId = Assert.Single(await _host.Send(new MyMakeUps.Query(lena))).Id;
        var terry = await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new AcceptMakeUp.Command(_terry, requestId)));
        Assert.Equal("There is no such make-up request for you.", terry.Message);
        Assert.DoesNotContain((await Roster(session)).Roster, p => p.PersonId == lena);
    }

    [Fact]
    public async Task A_make_up_attendee_enrolled_elsewhere_joins_the_list_not_yet_marked()
    {
        var session = await Schedule();
        var lena = await EnrolLenaAndAddHerFor(session);

        var roster = (await Roster(session)).Roster;
        Assert.Equal(2, roster.Count);
        var added = roster.Single(p => p.PersonId == lena);
        Assert.True(added.MakeUp);
        Assert.Equal("Lena Brooks", added.FullName);
        Assert.Null(added.Present);                                // on the list, not yet marked present or absent
        Assert.Equal(0m, added.CreditedHours);
        Assert.Empty(await _host.HoursOf(lena));
    }

    [Fact]
    public async Task A_make_up_attendee_marked_present_is_credited_without_a_correction_reason_and_only_once_across_sessions()
    {
        var session = await Schedule();
        var lena = await EnrolLenaAndAddHerFor(session);

        // Marking a make-up attendee for the first time is not a correction: no reason is asked for.
        Assert.Equal(1, await Mark(session, lena, present: true));
        var entry = Assert.Single(await _host.HoursOf(lena));
        Assert.Equal(_lesson.Hours, entry.Hours);
        Assert.Equal(HoursSource.Attendance, entry.Source);
        Assert.Equal(HoursDelivery.InPerson, entry.Delivery);
        Assert.Equal(session, entry.LiveSessionId);
        var mark = (await Records(session)).Last(r => r.PersonId == lena);
        Assert.True(mark.Present);
        Assert.True(mark.MakeUp);
        Assert.Null(mark.CorrectionReason);
        Assert.True((await Roster(session)).Roster.Single(p => p.PersonId == lena).Present);

        // The same lesson in another session credits nothing more.
        var again = await Schedule(day: Day.AddDays(7));
        await _host.ReachStartOfAsync(again);
        await AskAndAccept(again, DemoAccounts.TraineeB, lena);
        _host.Clock.AdvanceSeconds(60);
        Assert.Equal(1, await Mark(again, lena, present: true));
        Assert.Equal(entry.Id, Assert.Single(await _host.HoursOf(lena)).Id);
    }

    [Fact]
    public async Task A_make_up_attendee_must_be_enrolled_in_the_course_and_not_already_on_the_list()
    {
        var session = await Schedule();
        await _host.ReachStartOfAsync(session);
        var notEnrolled = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AddMakeUpAttendee.Command(_facilitator, session, DemoAccounts.TraineeB)));
        Assert.Equal(AddMakeUpAttendee.NotFound, Assert.Single(notEnrolled.Errors).ErrorMessage);
        var cohortMember = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AddMakeUpAttendee.Command(_facilitator, session, DemoAccounts.Trainee)));
        Assert.Equal("This trainee is already on this session's list.", Assert.Single(cohortMember.Errors).ErrorMessage);
        await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AddMakeUpAttendee.Command(_facilitator, session, "not an email")));
        Assert.Empty(await Records(session));
    }

    [Fact]
    public async Task Under_the_partial_rule_a_corrected_leaving_time_reverses_the_old_credit_and_credits_the_new_share()
    {
        await _host.DisposeAsync();
        await SetUp(await LearningRecordHost.StartAsync(new Dictionary<string, string?> { ["LearningRecord:AttendanceRule"] = "Partial" }));
        _lesson = _host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.First(l => l.Delivery == LessonDelivery.Live && l.Hours == 1.0m);
        var session = await Schedule();

        await Mark(session, _terry, present: true, from: 0, to: 40);          // 40 of 60 minutes: 0.67 h, rounded down
        Assert.Equal(0.5m, Assert.Single(await _host.HoursOf(_terry)).Hours);

        await Mark(session, _terry, present: true, reason: "Terry stayed to the end; I misread the sheet.", from: 0, to: 60);
        var entries = await _host.HoursOf(_terry);
        Assert.Equal([-0.5m, 0.5m, 1.0m], entries.Select(h => h.Hours).Order());
        Assert.Equal(1.0m, entries.Sum(h => h.Hours));
        Assert.Equal(1.0m, Assert.Single((await Roster(session)).Roster).CreditedHours);
    }

    [Fact]
    public async Task Under_the_minimum_share_rule_three_quarters_of_the_session_earns_the_whole_lesson()
    {
        await _host.DisposeAsync();
        await SetUp(await LearningRecordHost.StartAsync(new Dictionary<string, string?>
        {
            ["LearningRecord:AttendanceRule"] = "MinimumShare",
            ["LearningRecord:AttendanceMinimumSharePercent"] = "75",
        }));
        _lesson = _host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.First(l => l.Delivery == LessonDelivery.Live && l.Hours == 1.0m);
        var session = await Schedule();

        await Mark(session, _terry, present: true, from: 15, to: 60);
        Assert.Equal(1.0m, Assert.Single(await _host.HoursOf(_terry)).Hours);
    }
}
