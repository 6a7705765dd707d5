using Microsoft.EntityFrameworkCore;
using FluentValidation;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Sessions;

public sealed class ScheduleSessionTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2027, 1, 19);
    private static readonly TimeOnly TenAm = new(10, 0);

    private LearningRecordHost _host = null!;

    public async Task InitializeAsync() => _host = await LearningRecordHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Guid> Schedule(string actor, string lessonId, string? place = "Room 2, Harbor Light", string? link = null) =>
        await _host.Send(new ScheduleSession.Command(await _host.IdOf(actor), DemoData.CohortA, lessonId, Day, TenAm, place, link));

    private Task<int> Sessions() => _host.Db(db => db.LiveSessions.CountAsync());

    [Theory]
    [InlineData(DemoAccounts.Facilitator)]
    [InlineData(DemoAccounts.Coordinator)]
    [InlineData(DemoAccounts.Admin)]
    public async Task Someone_who_runs_the_cohort_schedules_a_live_lesson_in_the_institutes_time_zone(string actor)
    {
        var lesson = _host.Live(LearningRecordHost.RecoveryCoach);
        var id = await Schedule(actor, lesson.Id, place: "  Room 2, Harbor Light  ");

        var session = await _host.Db(db => db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(DemoData.CohortA, session.CohortId);
        Assert.Equal(LearningRecordHost.RecoveryCoach, session.CourseId);
        Assert.Equal(lesson.Id, session.LessonId);
        Assert.Equal(new DateTime(2027, 1, 19, 15, 0, 0, DateTimeKind.Utc), session.StartsAt);   // 10:00 in New York in winter
        Assert.Equal((int)(lesson.Hours * 60), session.DurationMinutes);
        Assert.Equal("Room 2, Harbor Light", session.Place);
        Assert.Null(session.VideoLink);
        Assert.Equal(HoursDelivery.InPerson, session.Delivery);
        Assert.Equal(await _host.IdOf(actor), session.ScheduledById);
        Assert.Equal(1, await _host.AuditCount(AuditActions.SessionScheduled));
    }

    [Fact]
    public async Task A_session_with_only_a_video_link_is_delivered_live_online()
    {
        var id = await Schedule(DemoAccounts.Facilitator, _host.Live(LearningRecordHost.RecoveryCoach).Id, place: null, link: "https://meet.example.org/rc-1");
        var session = await _host.Db(db => db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal("https://meet.example.org/rc-1", session.VideoLink);
        Assert.Equal(HoursDelivery.LiveVirtual, session.Delivery);
    }

    [Fact]
    public async Task A_self_paced_lesson_or_a_lesson_of_another_course_cannot_be_scheduled()
    {
        var selfPaced = await Assert.ThrowsAsync<ValidationException>(() => Schedule(DemoAccounts.Facilitator, _host.SelfPaced(LearningRecordHost.RecoveryCoach).Id));
        Assert.Equal("Choose a live lesson of this cohort's course.", Assert.Single(selfPaced.Errors).ErrorMessage);
        await Assert.ThrowsAsync<ValidationException>(() => Schedule(DemoAccounts.Facilitator, _host.Live("ethics").Id));
        await Assert.ThrowsAsync<ValidationException>(() => Schedule(DemoAccounts.Facilitator, "no-such-lesson"));
        Assert.Equal(0, await Sessions());
    }

    [Theory]
    [InlineData(DemoAccounts.CoordinatorB)]    // another site's coordinator
    [InlineData(DemoAccounts.Supervisor)]      // same site, but does not run cohorts
    [InlineData(DemoAccounts.Trainee)]
    public async Task Someone_who_does_not_run_the_cohort_cannot_schedule_its_sessions(string actor)
    {
        var e = await Assert.ThrowsAsync<ForbiddenException>(() => Schedule(actor, _host.Live(LearningRecordHost.RecoveryCoach).Id));
        Assert.Equal("You can only run your own cohorts.", e.Message);
        Assert.Equal(0, await Sessions());
        Assert.Equal(0, await _host.AuditCount(AuditActions.SessionScheduled));
    }

    [Theory]
    [InlineData(null, null, "Say where the session happens: a place, a video link, or both.")]
    [InlineData("  ", "", "Say where the session happens: a place, a video link, or both.")]
    [InlineData(null, "http://meet.example.org/rc-1", "A video link must be a full address starting with https://.")]
    [InlineData("Room 2", "http://meet.example.org/rc-1", "A video link must be a full address starting with https://.")]
    [InlineData(null, "meet.example.org/rc-1", "A video link must be a full address starting with https://.")]
    [InlineData(null, "javascript:alert(1)", "A video link must be a full address starting with https://.")]
    public async Task A_session_needs_a_place_or_an_https_video_link(string? place, string? link, string message)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Schedule(DemoAccounts.Facilitator, _host.Live(LearningRecordHost.RecoveryCoach).Id, place, link));
        Assert.Contains(e.Errors, f => f.ErrorMessage == message);
        Assert.Equal(0, await Sessions());
    }

    [Fact]
    public async Task A_session_needs_a_date_and_a_start_time()
    {
        var facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        var lesson = _host.Live(LearningRecordHost.RecoveryCoach).Id;
        var e = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new ScheduleSession.Command(facilitator, DemoData.CohortA, lesson, null, null, "Room 2", null)));
        Assert.Contains(e.Errors, f => f.ErrorMessage == "Enter the date of the session.");
        Assert.Contains(e.Errors, f => f.ErrorMessage == "Enter the time the session starts.");
        Assert.Equal(0, await Sessions());
    }

    [Fact]
    public async Task The_facilitators_cohorts_list_the_scheduled_sessions_and_only_live_lessons()
    {
        var lesson = _host.Live(LearningRecordHost.RecoveryCoach);
        await Schedule(DemoAccounts.Facilitator, lesson.Id);
        var cohorts = await _host.Send(new MyCohorts.Query(await _host.IdOf(DemoAccounts.Facilitator)));
        var cohort = Assert.Single(cohorts, c => c.Id == DemoData.CohortA);
        Assert.Equal(1, cohort.Trainees);
        var session = Assert.Single(cohort.Sessions);
        Assert.Equal(new DateTime(2027, 1, 19, 10, 0, 0), session.StartsAtLocal);
        Assert.False(session.Online);
        var live = _host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.Where(l => l.Delivery == TrainingHub.Content.LessonDelivery.Live).Select(l => l.Id);
        Assert.Equal(live, cohort.LiveLessons.Select(l => l.Id));

        Assert.DoesNotContain(await _host.Send(new MyCohorts.Query(await _host.IdOf(DemoAccounts.CoordinatorB))), c => c.Id == DemoData.CohortA);
    }
}
