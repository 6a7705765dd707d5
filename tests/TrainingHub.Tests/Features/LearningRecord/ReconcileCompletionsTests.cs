using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Outbox;

namespace TrainingHub.Tests.Features.LearningRecord;

/// <summary>
/// Enrolments whose record is complete but whose completion was lost (the ledger rows written directly, as a restore or
/// a hand repair would, without the completion that normally comes with the last one).
/// </summary>
public sealed class ReconcileCompletionsTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;
    private Course _mat = null!;

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartAsync();
        _mat = _host.CourseOf("mat");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>An active MAT enrolment with every lesson credited and, unless told otherwise, every quiz passed; nothing completed.</summary>
    private Task<Guid> LostCompletion(string personId, bool passQuizzes = true) => _host.Db(async db =>
    {
        var enrollment = new Enrollment
        {
            Id = Guid.NewGuid(), PersonId = personId, CourseId = _mat.Id, CourseVersion = _mat.Version, ContentHash = _mat.ContentHash,
            Status = EnrollmentStatus.Active, EnrolledAt = _host.Clock.UtcNow,
        };
        db.Enrollments.Add(enrollment);
        foreach (var lesson in _mat.Lessons)
        {
            db.HoursEntries.Add(new HoursEntry
            {
                Id = Guid.NewGuid(), PersonId = personId, EnrollmentId = enrollment.Id, CourseId = _mat.Id, CourseVersion = _mat.Version,
                LessonId = lesson.Id, Hours = lesson.Hours, Domain = lesson.PrimaryDomain, DomainTags = string.Join(',', lesson.Domains),
                Delivery = HoursDelivery.SelfPaced, Source = HoursSource.SeatTime, Status = HoursStatus.Credited,
                CompletedOn = DateOnly.FromDateTime(_host.Clock.UtcNow), RecordedAt = _host.Clock.UtcNow,
                IdempotencyKey = $"lesson/{enrollment.Id}/{lesson.Id}/1",
            });
        }
        if (passQuizzes)
        {
            foreach (var module in _mat.Modules.Where(m => m.Quiz is not null))
            {
                var id = Guid.NewGuid();
                db.QuizAttempts.Add(new QuizAttempt
                {
                    Id = id, PersonId = personId, CourseId = _mat.Id, ModuleId = module.Id, OpenKey = id.ToString(), Number = 1, Layout = "[]",
                    Answers = "{}", StartedAt = _host.Clock.UtcNow, SubmittedAt = _host.Clock.UtcNow, ScorePercent = 100, Passed = true, PassMark = 80,
                    ContentHash = _mat.ContentHash,
                });
            }
        }
        await db.SaveChangesAsync();
        return enrollment.Id;
    });

    private Task<List<OutboxMessage>> CertificateRequests() =>
        _host.Db(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == OutboxKind.CertificateRequest).ToListAsync());

    private Task<EnrollmentStatus> StatusOf(Guid enrollmentId) =>
        _host.Db(db => db.Enrollments.Where(e => e.Id == enrollmentId).Select(e => e.Status).SingleAsync());

    [Fact]
    public async Task A_complete_record_that_never_completed_is_completed_once_with_one_certificate_request_and_a_second_pass_changes_nothing()
    {
        var enrollment = await LostCompletion(await _host.IdOf(DemoAccounts.TraineeB));

        Assert.Equal(1, await _host.Send(new ReconcileCompletions.Command()));

        Assert.Equal(EnrollmentStatus.Completed, await StatusOf(enrollment));
        var request = Assert.Single(await CertificateRequests());
        Assert.Equal(new CertificateRequested(enrollment, _mat.Version).Key, request.Key);
        Assert.Equal(1, await _host.AuditCount(AuditActions.CourseCompleted));
        Assert.Equal(1, await _host.AuditCount(AuditActions.CertificateRequested));

        Assert.Equal(0, await _host.Send(new ReconcileCompletions.Command()));

        Assert.Single(await CertificateRequests());
        Assert.Equal(1, await _host.AuditCount(AuditActions.CourseCompleted));
        Assert.Equal(1, await _host.AuditCount(AuditActions.CertificateRequested));
    }

    [Fact]
    public async Task A_record_still_missing_a_quiz_is_left_active()
    {
        var enrollment = await LostCompletion(await _host.IdOf(DemoAccounts.TraineeB), passQuizzes: false);

        Assert.Equal(0, await _host.Send(new ReconcileCompletions.Command()));

        Assert.Equal(EnrollmentStatus.Active, await StatusOf(enrollment));
        Assert.Empty(await CertificateRequests());
        Assert.Equal(0, await _host.AuditCount(AuditActions.CourseCompleted));
    }

    [Fact]
    public async Task Three_passes_racing_over_the_same_lost_completions_complete_each_once_with_one_certificate_request()
    {
        var people = await _host.Db(db => db.Users.Select(u => u.Id).ToListAsync());
        var enrollments = new List<Guid>();
        foreach (var person in people) enrollments.Add(await LostCompletion(person));

        var repaired = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => _host.Send(new ReconcileCompletions.Command()))));

        Assert.Equal(enrollments.Count, repaired.Sum());
        foreach (var enrollment in enrollments) Assert.Equal(EnrollmentStatus.Completed, await StatusOf(enrollment));
        var requests = await CertificateRequests();
        Assert.Equal(enrollments.Count, requests.Count);
        Assert.Equal(enrollments.Select(e => new CertificateRequested(e, _mat.Version).Key).Order(), requests.Select(r => r.Key).Order());
        Assert.Equal(enrollments.Count, await _host.AuditCount(AuditActions.CourseCompleted));
        Assert.Equal(enrollments.Count, await _host.AuditCount(AuditActions.CertificateRequested));
        Assert.Equal(0, await _host.Send(new ReconcileCompletions.Command()));
    }
}
