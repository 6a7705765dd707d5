using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.LearningRecord;

/// <summary>Computes a course's completion from the ledger and quiz results, and marks the enrolment when it is reached.</summary>
public sealed class CompletionCheck(TrainingHubDb db, CourseCatalog catalog, HoursLedger ledger, AuditTrail audit, TimeProvider clock)
{
    public async Task<CourseCompletion.Evaluation?> EvaluateAsync(Enrollment enrollment, IEnumerable<HoursEntry> unsaved, CancellationToken ct, string? alsoPassedModuleId = null)
    {
        var course = catalog.Find(enrollment.CourseId);
        if (course is null) return null;
        var states = (await ledger.LessonStatesAsync(enrollment.Id, ct)).ToDictionary(s => s.LessonId, StringComparer.Ordinal);
        foreach (var e in unsaved.Where(e => e.EnrollmentId == enrollment.Id && e.LessonId is not null))
        {
            var s = states.GetValueOrDefault(e.LessonId!) ?? new CourseCompletion.LessonState(e.LessonId!, 0, 0);
            states[e.LessonId!] = e.Status == HoursStatus.Credited ? s with { CreditedHours = s.CreditedHours + e.Hours } : s with { PendingHours = s.PendingHours + e.Hours };
        }
        var passed = (await db.QuizAttempts.AsNoTracking()
            .Where(a => a.PersonId == enrollment.PersonId && a.CourseId == enrollment.CourseId && a.Passed == true)
            .Select(a => a.ModuleId).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (alsoPassedModuleId is not null) passed.Add(alsoPassedModuleId);
        return CourseCompletion.Evaluate(course.Lessons.Select(l => (l.Id, l.Hours)), states.Values,
            course.Modules.Where(m => m.Quiz is not null).Select(m => m.Id), passed);
    }

    /// <summary>
    /// Writes the certificate request in the caller's unit of work (the same transaction as the completion), keyed by
    /// enrolment and course version so a double completion never asks twice.
    /// </summary>
    public async Task RequestCertificateAsync(Enrollment enrollment, CancellationToken ct)
    {
        var key = $"certificate/{enrollment.Id}/{enrollment.CourseVersion}";
        if (await db.OutboxMessages.AnyAsync(m => m.Key == key, ct) || db.OutboxMessages.Local.Any(m => m.Key == key)) return;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = OutboxKind.CertificateRequest,
            Key = key,
            Payload = System.Text.Json.JsonSerializer.Serialize(new { enrollmentId = enrollment.Id, courseVersion = enrollment.CourseVersion }),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        audit.Record(enrollment.PersonId, AuditActions.CertificateRequested, $"enrollment/{enrollment.Id}", key);
    }

    /// <summary>Marks the enrolment completed when the course is complete (the caller saves). Returns true when it changed.</summary>
    public async Task<bool> MarkIfCompleteAsync(Enrollment enrollment, IEnumerable<HoursEntry> unsaved, CancellationToken ct, string? alsoPassedModuleId = null)
    {
        if (enrollment.Status != EnrollmentStatus.Active) return false;
        var evaluation = await EvaluateAsync(enrollment, unsaved, ct, alsoPassedModuleId);
        if (evaluation is not { Complete: true }) return false;
        enrollment.Status = EnrollmentStatus.Completed;
        audit.Record(enrollment.PersonId, AuditActions.CourseCompleted, $"enrollment/{enrollment.Id}", $"course {enrollment.CourseId}");
        await RequestCertificateAsync(enrollment, ct);
        return true;
    }
}
