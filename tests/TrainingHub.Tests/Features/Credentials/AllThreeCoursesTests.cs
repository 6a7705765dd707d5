using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.Targets;
using TrainingHub.Features.Quizzes;
using TrainingHub.Features.Sessions;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Credentials;

/// <summary>
/// The promise the courses are sold on: a trainee who takes all three, lesson by lesson through the same handlers the
/// pages use (seat time, attendance, quizzes, a supervisor's sign-off of ethics hours), meets IC&amp;RC Peer Recovery's
/// training requirements.
/// </summary>
public sealed class AllThreeCoursesTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;
    private string _terry = "";
    private string _facilitator = "";
    private readonly Dictionary<string, Guid> _cohorts = new(StringComparer.Ordinal) { ["recovery-coach"] = DemoData.CohortA };

    public async Task InitializeAsync()
    {
        // Shorter beats and a 30-minute credited hour keep the seat time quick to simulate; the rules are the same.
        _host = await LearningRecordHost.StartAsync(new Dictionary<string, string?>
        {
            ["LearningRecord:HeartbeatSeconds"] = "30",
            ["LearningRecord:HeartbeatSlackSeconds"] = "30",
            ["LearningRecord:MinutesPerCreditedHour"] = "30",
        });
        _terry = await _host.IdOf(DemoAccounts.Trainee);
        _facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        foreach (var courseId in new[] { "ethics", "mat" })
        {
            var course = _host.CourseOf(courseId);
            var cohort = Guid.NewGuid();
            _cohorts[courseId] = cohort;
            await _host.Db(async db =>
            {
                db.Cohorts.Add(new Cohort
                {
                    Id = cohort, SiteId = DemoData.SiteA, CourseId = courseId, Name = $"Spring 2027 {course.Title}", StartsOn = new DateOnly(2027, 1, 12),
                    DeliveryMode = DeliveryMode.Blended, Capacity = 12, FacilitatorId = _facilitator, CreatedAt = _host.Clock.UtcNow,
                });
                db.Enrollments.Add(new Enrollment
                {
                    Id = Guid.NewGuid(), PersonId = _terry, CourseId = courseId, CourseVersion = course.Version, ContentHash = course.ContentHash,
                    CohortId = cohort, Status = EnrollmentStatus.Active, EnrolledAt = _host.Clock.UtcNow,
                });
                return await db.SaveChangesAsync();
            });
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task TakeCourse(Course course)
    {
        foreach (var module in course.Modules)
        {
            foreach (var lesson in module.Lessons)
            {
                if (lesson.Delivery == LessonDelivery.SelfPaced)
                {
                    Assert.True((await _host.ReadToCompletionAsync(_terry, lesson)).LessonComplete);
                    continue;
                }
                var session = await _host.Send(new ScheduleSession.Command(_facilitator, _cohorts[course.Id], lesson.Id,
                    DateOnly.FromDateTime(_host.Clock.UtcNow).AddDays(1), new TimeOnly(18, 0), "Room 2", null));
                await _host.ReachStartOfAsync(session);
                Assert.Equal(1, await _host.Send(new RecordAttendance.Command(_facilitator, session, [new RecordAttendance.Mark(_terry, true, null, null)], null)));
                _host.Clock.AdvanceSeconds(60);
            }
            var attempt = await _host.Send(new StartQuizAttempt.Command(_terry, course.Id, module.Id));
            var submitted = await _host.Send(new SubmitQuizAttempt.Command(_terry, attempt.AttemptId!.Value, QuizPapers.Right(attempt, module.Quiz!)));
            Assert.True((await _host.Send(new GetQuizResult.Query(_terry, submitted.AttemptId))).Passed);
            _host.Clock.AdvanceSeconds(60);
        }
    }

    [Fact]
    public async Task A_trainee_who_completes_all_three_courses_is_shown_icrc_peer_recoverys_training_requirements_met()
    {
        foreach (var course in _host.Catalog.Courses) await TakeCourse(course);
        await CredentialsSetup.SignOffPendingHoursAsync(_host, _terry, DemoAccounts.Supervisor, "Dennis Okafor");
        await _host.Send(new ChooseCredentials.Command(_terry, ["icrc-pr"]));

        var statuses = await _host.Db(db => db.Enrollments.AsNoTracking().Where(e => e.PersonId == _terry).Select(e => e.Status).ToListAsync());
        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(EnrollmentStatus.Completed, s));
        Assert.Equal(49m, (await _host.HoursOf(_terry)).Sum(h => h.Hours));

        var target = Assert.Single((await _host.Send(new MyCredentials.Query(_terry, _terry))).Targets);
        var training = target.Eligibility.Requirements
            .Where(r => r.Requirement.Kind is RequirementKind.TrainingHours or RequirementKind.DomainHours).ToList();
        Assert.Equal(5, training.Count);
        Assert.All(training, r => Assert.True(r.Met, $"{r.Title}: {r.Progress} ({r.Gap})"));
        Assert.All(training, r => Assert.Equal(0m, r.Pending));
        Assert.Equal(["49 of 46 hours", "10 of 10 hours", "10 of 10 hours", "13 of 10 hours", "16 of 16 hours"], training.Select(r => r.Progress));
        // What is left is the trainee's own: practice, supervision, the exam and the code of ethics.
        Assert.All(target.Eligibility.Requirements.Except(training), r => Assert.False(r.Met));
    }
}
