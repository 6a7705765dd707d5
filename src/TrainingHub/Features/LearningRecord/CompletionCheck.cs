using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.LearningRecord;

/// <summary>
/// Decides whether a course is complete from the ledger and quiz results, counting what the current unit of work has
/// added but not saved yet (read from the change tracker), and marks the enrolment when it is. The unit of work runs it
/// once before it saves (<see cref="Pipeline.UnitOfWork"/>), so no use case has to pass its unsaved rows in.
/// </summary>
public sealed class CompletionCheck(TrainingHubDb db, CourseCatalog catalog, HoursLedger ledger, AuditTrail audit, Outbox.Outbox outbox)
{
    private readonly List<Guid> _completed = [];

    /// <summary>Enrolments this unit of work completed.</summary>
    public IReadOnlyList<Guid> Completed => _completed;

    /// <summary>
    /// Marks complete every active enrolment that the tracked changes (new hours entries, passed quiz attempts) may have
    /// completed. The caller saves.
    /// </summary>
    public async Task CompleteAffectedAsync(CancellationToken ct)
    {
        var enrollmentIds = db.ChangeTracker.Entries<HoursEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.LessonId is not null)
            .Select(e => e.Entity.EnrollmentId).Distinct().ToList();
        var passed = PassedInThisUnit().Select(a => (a.PersonId, a.CourseId)).Distinct().ToList();
        if (enrollmentIds.Count == 0 && passed.Count == 0) return;

        var enrollments = new List<Enrollment>();
        foreach (var id in enrollmentIds) enrollments.Add(await db.Enrollments.SingleAsync(e => e.Id == id, ct));
        foreach (var (personId, courseId) in passed)
        {
            if (await db.Enrollments.SingleOrDefaultAsync(e => e.PersonId == personId && e.CourseId == courseId, ct) is { } e) enrollments.Add(e);
        }
        foreach (var enrollment in enrollments.DistinctBy(e => e.Id)) await CompleteIfDoneAsync(enrollment, ct);
    }

    /// <summary>
    /// Marks a tracked active enrolment complete when its record (saved plus this unit of work's) is, with its audit
    /// event and certificate request. The caller saves. The one way an enrolment is completed: after the tracked changes
    /// here, and for a record whose completion was lost by <see cref="ReconcileCompletions"/>.
    /// </summary>
    public async Task<bool> CompleteIfDoneAsync(Enrollment enrollment, CancellationToken ct)
    {
        if (enrollment.Status != EnrollmentStatus.Active) return false;
        var evaluation = await EvaluateAsync(enrollment, ct);
        if (evaluation is not { Complete: true }) return false;
        enrollment.Status = EnrollmentStatus.Completed;
        audit.Record(enrollment.PersonId, AuditActions.CourseCompleted, $"enrollment/{enrollment.Id}", $"course {enrollment.CourseId}");
        await RequestCertificateAsync(enrollment, ct);
        _completed.Add(enrollment.Id);
        return true;
    }

    /// <summary>The course's completion as saved plus what this unit of work has added.</summary>
    public async Task<CourseCompletion.Evaluation?> EvaluateAsync(Enrollment enrollment, CancellationToken ct)
    {
        var course = catalog.Find(enrollment.CourseId);
        if (course is null) return null;
        var states = (await ledger.LessonStatesAsync(enrollment.Id, ct)).ToDictionary(s => s.LessonId, StringComparer.Ordinal);
        var passed = (await db.QuizAttempts.AsNoTracking()
            .Where(a => a.PersonId == enrollment.PersonId && a.CourseId == enrollment.CourseId && a.Passed == true)
            .Select(a => a.ModuleId).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        passed.UnionWith(PassedInThisUnit().Where(a => a.PersonId == enrollment.PersonId && a.CourseId == enrollment.CourseId).Select(a => a.ModuleId));
        return CourseCompletion.Evaluate(course.Lessons.Select(l => (l.Id, l.Hours)), states.Values,
            course.Modules.Where(m => m.Quiz is not null).Select(m => m.Id), passed);
    }

    /// <summary>
    /// Queues the certificate request in the caller's unit of work (the same transaction as the completion), keyed by
    /// enrolment and course version so a double completion never asks twice.
    /// </summary>
    public async Task RequestCertificateAsync(Enrollment enrollment, CancellationToken ct)
    {
        var request = new CertificateRequested(enrollment.Id, enrollment.CourseVersion);
        if (await outbox.QueuedAsync(request.Key, ct)) return;
        outbox.Add(request);
        audit.Record(enrollment.PersonId, AuditActions.CertificateRequested, $"enrollment/{enrollment.Id}", request.Key);
    }

    private IEnumerable<QuizAttempt> PassedInThisUnit() =>
        db.ChangeTracker.Entries<QuizAttempt>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.Passed == true)
            .Select(e => e.Entity);
}
