using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Quizzes;
using TrainingHub.Features.Sessions;

namespace TrainingHub.Tests.Features.LearningRecord;

/// <summary>The 4-hour MAT course taken end to end: self-paced lessons by seat time, live lessons by attendance, both quizzes.</summary>
public sealed class CourseCompletionFlowTests : IAsyncLifetime
{
    private static readonly Guid MatCohort = Guid.Parse("5a1d3c7e-9b2f-4e68-a0d4-7c3b1e9f2a55");

    private LearningRecordHost _host = null!;
    private string _terry = "";
    private string _facilitator = "";
    private Guid _enrollment;
    private Course _mat = null!;

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartQuickAsync();
        _terry = await _host.IdOf(DemoAccounts.Trainee);
        _facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        _mat = _host.CourseOf("mat");
        _enrollment = Guid.NewGuid();
        await _host.Db(async db =>
        {
            db.Cohorts.Add(new Cohort
            {
                Id = MatCohort, SiteId = DemoData.SiteA, CourseId = "mat", Name = "Spring 2027 MAT cohort", StartsOn = new DateOnly(2027, 1, 12),
                DeliveryMode = DeliveryMode.Blended, Capacity = 12, FacilitatorId = _facilitator, CreatedAt = _host.Clock.UtcNow,
            });
            db.Enrollments.Add(new Enrollment
            {
                Id = _enrollment, PersonId = _terry, CourseId = "mat", CourseVersion = _mat.Version, ContentHash = _mat.ContentHash,
                CohortId = MatCohort, Status = EnrollmentStatus.Active, EnrolledAt = _host.Clock.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task ReadSelfPaced(Lesson lesson)
    {
        var last = await _host.ReadToCompletionAsync(_terry, lesson);
        Assert.True(last.LessonComplete);
    }

    private async Task Attend(Lesson lesson)
    {
        var session = await _host.Send(new ScheduleSession.Command(_facilitator, MatCohort, lesson.Id, new DateOnly(2027, 1, 20), new TimeOnly(18, 0), "Room 2", null));
        await _host.ReachStartOfAsync(session);
        Assert.Equal(1, await _host.Send(new RecordAttendance.Command(_facilitator, session, [new RecordAttendance.Mark(_terry, true, null, null)], null)));
        _host.Clock.AdvanceSeconds(60);
    }

    private async Task PassQuiz(Module module)
    {
        var attempt = await _host.Send(new StartQuizAttempt.Command(_terry, "mat", module.Id));
        var answers = QuizPapers.Right(attempt, module.Quiz!);
        var wasCompleted = (await Enrollment()).Status == EnrollmentStatus.Completed;
        var submitted = await _host.Send(new SubmitQuizAttempt.Command(_terry, attempt.AttemptId!.Value, answers));
        Assert.True((await _host.Send(new GetQuizResult.Query(_terry, submitted.AttemptId))).Passed);
        // The page starts the outbox job only when this pass is the one that completed the course.
        Assert.Equal(!wasCompleted && (await Enrollment()).Status == EnrollmentStatus.Completed, submitted.CourseCompleted);
        _host.Clock.AdvanceSeconds(60);
    }

    private Task<Enrollment> Enrollment() => _host.Db(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == _enrollment));

    private Task<GetCourseProgress.Result> Progress() => _host.Send(new GetCourseProgress.Query(_terry, "mat"));

    [Theory]
    [InlineData("quiz")]
    [InlineData("attendance")]
    [InlineData("seat time")]
    public async Task The_enrolment_is_completed_when_every_lesson_is_credited_and_every_quiz_passed_whatever_comes_last(string last)
    {
        var selfPaced = _mat.Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced).ToList();
        var live = _mat.Lessons.Where(l => l.Delivery == LessonDelivery.Live).ToList();
        var quizzes = _mat.Modules.Where(m => m.Quiz is not null).ToList();
        Assert.Equal(2, quizzes.Count);
        Assert.Equal(4.0m, _mat.Lessons.Sum(l => l.Hours));

        var steps = new List<(string Kind, decimal Hours, Func<Task> Run)>();
        steps.AddRange(selfPaced.Select(l => ("seat time", l.Hours, (Func<Task>)(() => ReadSelfPaced(l)))));
        steps.AddRange(live.Select(l => ("attendance", l.Hours, (Func<Task>)(() => Attend(l)))));
        steps.AddRange(quizzes.Select(m => ("quiz", 0m, (Func<Task>)(() => PassQuiz(m)))));
        var final = steps.Last(s => s.Kind == last);

        foreach (var step in steps.Where(s => s != final)) await step.Run();

        Assert.Equal(EnrollmentStatus.Active, (await Enrollment()).Status);
        var before = await Progress();
        Assert.False(before.Complete);
        Assert.Equal(4.0m - final.Hours, before.CreditedHours);       // with only a quiz left, every hour is already credited
        Assert.Equal(0, await _host.AuditCount(AuditActions.CourseCompleted));

        await final.Run();

        Assert.Equal(EnrollmentStatus.Completed, (await Enrollment()).Status);
        Assert.Equal(1, await _host.AuditCount(AuditActions.CourseCompleted));
        var after = await Progress();
        Assert.True(after.Complete);
        Assert.Equal(EnrollmentStatus.Completed, after.Status);
        Assert.Equal(4.0m, after.CreditedHours);
        Assert.Equal(0m, after.PendingHours);
        Assert.All(after.Modules.SelectMany(m => m.Lessons), l => Assert.Equal(GetCourseProgress.LessonStatus.Done, l.Status));
        Assert.All(after.Modules, m => Assert.True(m.Quiz!.Passed));

        // One entry per domain part of each lesson (ADR 0015).
        var hours = await _host.HoursOf(_terry);
        var parts = _mat.Lessons.Sum(l => l.DomainHours.Count);
        Assert.Equal(parts, hours.Count);
        Assert.Equal(selfPaced.Sum(l => l.DomainHours.Count), hours.Count(h => h.Delivery == HoursDelivery.SelfPaced && h.Source == HoursSource.SeatTime));
        Assert.Equal(live.Sum(l => l.DomainHours.Count), hours.Count(h => h.Delivery == HoursDelivery.InPerson && h.Source == HoursSource.Attendance));

        // More credit after completion (a second session of a live lesson) completes nothing again.
        await Attend(live[0]);
        Assert.Equal(parts, (await _host.HoursOf(_terry)).Count);
        Assert.Equal(1, await _host.AuditCount(AuditActions.CourseCompleted));
    }
}
