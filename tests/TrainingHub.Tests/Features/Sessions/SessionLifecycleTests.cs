using FluentValidation;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Sessions;

/// <summary>Scheduling, moving and cancelling a session, and what each person on its list is told (and nobody else).</summary>
public sealed class SessionLifecycleTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2027, 1, 19);

    private LearningRecordHost _host = null!;
    private string _facilitator = "";
    private Lesson _lesson = null!;

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartAsync();
        _facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        _lesson = _host.Live(LearningRecordHost.RecoveryCoach);
        // Lena is a trainee of another site, enrolled in the same course: she must never hear of cohort A's sessions.
        await _host.Send(new Enroll.Command(await _host.IdOf(DemoAccounts.TraineeB), LearningRecordHost.RecoveryCoach));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Guid> Schedule(DateOnly? day = null, string? place = "Room 2, Harbor Light", string? link = "https://meet.example.org/rc-1")
    {
        var id = await _host.Send(new ScheduleSession.Command(_facilitator, DemoData.CohortA, _lesson.Id, day ?? Day, new TimeOnly(10, 0), place, link));
        _host.Clock.AdvanceSeconds(60);
        return id;
    }

    private async Task<int> Dispatch()
    {
        var total = 0;
        int sent;
        while ((sent = await _host.Send(new DispatchOutbox.Command())) > 0) total += sent;
        return total;
    }

    private Task<LiveSession> Session(Guid id) => _host.Db(db => db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == id));

    private Task<int> Notices() => _host.Db(db => db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.SessionNotice));

    private static CalendarEvent OnlyEvent(SessionMail.Mail mail) => Assert.Single(mail.Calendar.Events);

    [Fact]
    public async Task Scheduling_e_mails_each_cohort_member_once_an_invitation_that_parses_back_and_no_one_else()
    {
        var id = await Schedule();
        await Dispatch();
        await Dispatch();   // a second pass finds nothing left to send

        var mail = Assert.Single(SessionMail.To(_host.Folder, DemoAccounts.Trainee));
        Assert.StartsWith("New session: ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Tuesday 19 January 2027, 10:00 AM to", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Join online: https://meet.example.org/rc-1", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Facilitator: ", mail.Body, StringComparison.Ordinal);
        Assert.Equal("text/calendar; method=REQUEST; charset=utf-8", mail.CalendarContentType);
        Assert.Equal("REQUEST", mail.Calendar.Method);
        var e = OnlyEvent(mail);
        Assert.Equal($"session-{id:N}@localhost", e.Uid);
        Assert.Equal(0, e.Sequence);
        Assert.Equal("America/New_York", e.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 1, 19, 10, 0, 0), e.DtStart.Value);
        Assert.Equal(new DateTime(2027, 1, 19, 15, 0, 0, DateTimeKind.Utc), e.DtStart.AsUtc);
        Assert.Equal(e.DtStart.AsUtc.AddMinutes((double)(_lesson.Hours * 60)), e.DtEnd!.AsUtc);
        Assert.Equal("CONFIRMED", e.Status);
        Assert.Equal(new Uri("https://meet.example.org/rc-1"), e.Url);
        Assert.Equal("mailto:trainee@demo.traininghub.test", Assert.Single(e.Attendees).Value?.ToString());
        Assert.Equal("mailto:facilitator@demo.traininghub.test", e.Organizer?.Value?.ToString());
        Assert.Single(mail.Calendar.TimeZones, z => z.TzId == "America/New_York");

        // The Message-ID comes from the outbox row: one row per person and change.
        var row = await _host.Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == OutboxKind.SessionNotice));
        Assert.Equal(TrainingHub.Email.MailMessage.MessageIdFor(row.Id.ToString(), "no-reply@traininghub.local"), mail.MessageId);
        Assert.Empty(SessionMail.To(_host.Folder, DemoAccounts.TraineeB));
        Assert.Empty(SessionMail.To(_host.Folder, DemoAccounts.Facilitator));
    }

    [Fact]
    public async Task Moving_a_session_keeps_its_uid_bumps_the_sequence_and_tells_each_member_the_new_time()
    {
        var id = await Schedule();
        await Dispatch();
        Assert.True(await _host.Send(new ChangeSession.Command(_facilitator, id, Day.AddDays(2), new TimeOnly(13, 30), "Room 5", null)));
        await Dispatch();

        var session = await Session(id);
        Assert.Equal((1, new DateTime(2027, 1, 21, 18, 30, 0, DateTimeKind.Utc), "Room 5", (string?)null), (session.Sequence, session.StartsAt, session.Place, session.VideoLink));
        Assert.NotNull(session.ChangedAt);
        Assert.Equal(1, await _host.AuditCount(AuditActions.SessionChanged));
        var mails = SessionMail.To(_host.Folder, DemoAccounts.Trainee);
        Assert.Equal(2, mails.Count);
        var moved = mails[1];
        Assert.StartsWith("Changed: ", moved.Subject, StringComparison.Ordinal);
        Assert.Contains("Thursday 21 January 2027, 1:30 PM", moved.Body, StringComparison.Ordinal);
        var e = OnlyEvent(moved);
        Assert.Equal(OnlyEvent(mails[0]).Uid, e.Uid);
        Assert.Equal(1, e.Sequence);
        Assert.Equal(new DateTime(2027, 1, 21, 13, 30, 0), e.DtStart!.Value);
        Assert.Equal("Room 5", e.Location);

        // Saving the same details again changes nothing and tells nobody.
        Assert.False(await _host.Send(new ChangeSession.Command(_facilitator, id, Day.AddDays(2), new TimeOnly(13, 30), " Room 5 ", "")));
        Assert.Equal(2, await Notices());
        Assert.Equal(1, (await Session(id)).Sequence);
        Assert.Empty(SessionMail.To(_host.Folder, DemoAccounts.TraineeB));
    }

    [Fact]
    public async Task Cancelling_sends_a_cancellation_with_the_same_uid_and_the_session_cannot_be_changed_afterwards()
    {
        var id = await Schedule();
        await _host.Send(new CancelSession.Command(_facilitator, id, "  The room flooded  "));
        await Dispatch();

        var session = await Session(id);
        Assert.True(session.Cancelled);
        Assert.Equal(1, session.Sequence);
        Assert.Equal("The room flooded (sequence 1)", await _host.Db(db => db.AuditEvents.Where(a => a.Action == AuditActions.SessionCancelled).Select(a => a.Details).SingleAsync()));
        var mails = SessionMail.To(_host.Folder, DemoAccounts.Trainee);
        // The invitation and the cancellation were both queued; the invitation, superseded before it went out, is not sent.
        var cancel = Assert.Single(mails);
        Assert.StartsWith("Cancelled: ", cancel.Subject, StringComparison.Ordinal);
        Assert.Equal("CANCEL", cancel.Calendar.Method);
        var e = OnlyEvent(cancel);
        Assert.Equal("CANCELLED", e.Status);
        Assert.Equal(1, e.Sequence);
        Assert.Equal($"session-{id:N}@localhost", e.Uid);

        var again = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new CancelSession.Command(_facilitator, id, null)));
        Assert.Equal("This session was cancelled. Schedule a new session instead.", Assert.Single(again.Errors).ErrorMessage);
        await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new ChangeSession.Command(_facilitator, id, Day, new TimeOnly(11, 0), "Room 2", null)));
        await _host.ReachStartOfAsync(id);
        var terry = await _host.IdOf(DemoAccounts.Trainee);
        var attendance = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new RecordAttendance.Command(_facilitator, id,
            [new RecordAttendance.Mark(terry, true, null, null)], null)));
        Assert.Equal("This session was cancelled, so there is no attendance to record.", Assert.Single(attendance.Errors).ErrorMessage);
        Assert.Equal(1, (await Session(id)).Sequence);
    }

    [Fact]
    public async Task A_session_that_has_started_can_no_longer_be_moved_or_cancelled()
    {
        var id = await Schedule();
        await _host.ReachStartOfAsync(id);
        var move = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new ChangeSession.Command(_facilitator, id, Day.AddDays(1), new TimeOnly(10, 0), "Room 2", null)));
        Assert.Equal("This session has already started, so it can no longer be moved or cancelled.", Assert.Single(move.Errors).ErrorMessage);
        await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new CancelSession.Command(_facilitator, id, null)));
        var session = await Session(id);
        Assert.Equal((0, false), (session.Sequence, session.Cancelled));
    }

    [Theory]
    [InlineData(null, "10:00", "Room 2", null, "Enter the date of the session.")]
    [InlineData("2027-01-20", null, "Room 2", null, "Enter the time the session starts.")]
    [InlineData("2027-01-20", "10:00", " ", "", "Say where the session happens: a place, a video link, or both.")]
    [InlineData("2027-01-20", "10:00", null, "http://meet.example.org/x", "A video link must be a full address starting with https://.")]
    [InlineData("2027-01-20", "10:00", null, "javascript:alert(1)", "A video link must be a full address starting with https://.")]
    [InlineData("2027-03-14", "02:30", "Room 2", null, "That time does not exist on that day: the clocks move forward an hour. Choose another time.")]
    public async Task A_change_with_bad_input_is_refused_with_a_reason_and_changes_nothing(string? date, string? time, string? place, string? link, string message)
    {
        var id = await Schedule();
        var before = await Session(id);
        var e = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new ChangeSession.Command(_facilitator, id,
            date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            time is null ? null : TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), place, link)));
        Assert.Contains(e.Errors, f => f.ErrorMessage == message);
        var after = await Session(id);
        Assert.Equal((before.StartsAt, before.Place, before.VideoLink, 0), (after.StartsAt, after.Place, after.VideoLink, after.Sequence));
        Assert.Equal(1, await Notices());
        Assert.Equal(0, await _host.AuditCount(AuditActions.SessionChanged));
    }

    [Fact]
    public async Task A_reason_for_cancelling_longer_than_500_characters_is_refused()
    {
        var id = await Schedule();
        var e = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new CancelSession.Command(_facilitator, id, new string('x', 501))));
        Assert.Equal("Keep the reason under 500 characters.", Assert.Single(e.Errors).ErrorMessage);
        Assert.False((await Session(id)).Cancelled);
    }

    [Theory]
    [InlineData(DemoAccounts.CoordinatorB)]
    [InlineData(DemoAccounts.Supervisor)]
    [InlineData(DemoAccounts.Trainee)]
    public async Task Someone_who_does_not_run_the_cohort_cannot_move_or_cancel_its_sessions(string actor)
    {
        var id = await Schedule();
        var actorId = await _host.IdOf(actor);
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new ChangeSession.Command(actorId, id, Day.AddDays(1), new TimeOnly(10, 0), "Room 2", null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new CancelSession.Command(actorId, id, null)));
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new CancelSession.Command(actorId, Guid.NewGuid(), null)));
        var session = await Session(id);
        Assert.Equal((0, false), (session.Sequence, session.Cancelled));
    }

    [Fact]
    public async Task Attendance_and_make_ups_are_refused_before_the_session_starts_and_accepted_once_it_has()
    {
        var id = await Schedule();
        var terry = await _host.IdOf(DemoAccounts.Trainee);
        var early = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new RecordAttendance.Command(_facilitator, id, [new RecordAttendance.Mark(terry, true, null, null)], null)));
        Assert.Equal("This session has not started yet. It starts on Tuesday 19 January 2027 at 10:00 AM; you can record attendance from then.", Assert.Single(early.Errors).ErrorMessage);
        var makeUp = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AddMakeUpAttendee.Command(_facilitator, id, DemoAccounts.TraineeB)));
        Assert.Equal("Email", Assert.Single(makeUp.Errors).PropertyName);
        Assert.Empty(await _host.HoursOf(terry));
        Assert.Equal(0, await _host.Db(db => db.AttendanceRecords.CountAsync()));

        // One minute before the start is still too early; at the start it is recorded.
        _host.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 19, 14, 59, 0, TimeSpan.Zero));
        await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new RecordAttendance.Command(_facilitator, id, [new RecordAttendance.Mark(terry, true, null, null)], null)));
        _host.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 19, 15, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await _host.Send(new RecordAttendance.Command(_facilitator, id, [new RecordAttendance.Mark(terry, true, null, null)], null)));
        Assert.Equal(_lesson.Hours, Assert.Single(await _host.HoursOf(terry)).Hours);
    }

    [Fact]
    public async Task A_site_with_its_own_time_zone_enters_and_shows_times_in_it()
    {
        await _host.Db(async db =>
        {
            var site = await db.Sites.SingleAsync(s => s.Id == DemoData.SiteA);
            site.TimeZone = "America/Los_Angeles";
            return await db.SaveChangesAsync();
        });
        var id = await Schedule();
        Assert.Equal(new DateTime(2027, 1, 19, 18, 0, 0, DateTimeKind.Utc), (await Session(id)).StartsAt);   // 10:00 in Los Angeles
        await Dispatch();
        var e = OnlyEvent(Assert.Single(SessionMail.To(_host.Folder, DemoAccounts.Trainee)));
        Assert.Equal("America/Los_Angeles", e.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 1, 19, 10, 0, 0), e.DtStart.Value);
        var upcoming = Assert.Single(await _host.Send(new MyUpcomingSessions.Query(await _host.IdOf(DemoAccounts.Trainee))));
        Assert.StartsWith("Tuesday 19 January 2027, 10:00 AM to", upcoming.When, StringComparison.Ordinal);
        Assert.EndsWith("(Pacific Standard Time)", upcoming.When, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trainee_sees_their_groups_upcoming_sessions_and_a_trainee_of_another_site_sees_none()
    {
        var first = await Schedule();
        var later = await Schedule(Day.AddDays(7), place: null);
        var cancelled = await Schedule(Day.AddDays(14));
        await _host.Send(new CancelSession.Command(_facilitator, cancelled, null));
        var terry = await _host.IdOf(DemoAccounts.Trainee);
        var lena = await _host.IdOf(DemoAccounts.TraineeB);

        var mine = await _host.Send(new MyUpcomingSessions.Query(terry));
        Assert.Equal([first, later, cancelled], mine.Select(s => s.Id));
        var s = mine[0];
        Assert.Equal((_lesson.Title, "Room 2, Harbor Light", "https://meet.example.org/rc-1", false), (s.LessonTitle, s.Place, s.VideoLink, s.Cancelled));
        Assert.Equal("Winter 2027 Recovery Coach cohort", s.CohortName);
        Assert.NotNull(s.FacilitatorName);
        Assert.True(mine[2].Cancelled);
        Assert.Equal([first], (await _host.Send(new MyUpcomingSessions.Query(terry, Take: 1))).Select(x => x.Id));
        Assert.Equal(3, (await _host.Send(new MyUpcomingSessions.Query(terry, LearningRecordHost.RecoveryCoach, _lesson.Id))).Count);
        Assert.Empty(await _host.Send(new MyUpcomingSessions.Query(terry, LearningRecordHost.RecoveryCoach, "another-lesson")));

        Assert.Empty(await _host.Send(new MyUpcomingSessions.Query(lena)));
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new MySessionCalendar.Query(lena, first)));

        // A session in progress is still listed (to join late); once it has ended it is not.
        await _host.ReachStartOfAsync(first);
        Assert.Contains(await _host.Send(new MyUpcomingSessions.Query(terry)), x => x.Id == first);
        _host.Clock.Advance(TimeSpan.FromMinutes((double)(_lesson.Hours * 60)));
        Assert.DoesNotContain(await _host.Send(new MyUpcomingSessions.Query(terry)), x => x.Id == first);
    }

    [Fact]
    public async Task A_withdrawn_trainee_is_not_told_of_new_sessions()
    {
        await _host.Db(async db =>
        {
            var terry = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Trainee);
            var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == terry.Id && e.CohortId == DemoData.CohortA);
            enrollment.Status = EnrollmentStatus.Withdrawn;
            return await db.SaveChangesAsync();
        });
        await Schedule();
        await Dispatch();
        Assert.Empty(SessionMail.To(_host.Folder, DemoAccounts.Trainee));
        Assert.Empty(await _host.Send(new MyUpcomingSessions.Query(await _host.IdOf(DemoAccounts.Trainee))));
    }
}
