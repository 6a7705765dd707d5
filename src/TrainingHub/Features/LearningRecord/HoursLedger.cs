using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.LearningRecord;

/// <summary>
/// The only writer of the hours ledger. Credits are idempotent by key and written at most once per lesson until
/// reversed; corrections are reversing entries. Entries join the caller's unit of work: the caller saves.
/// </summary>
public sealed class HoursLedger(TrainingHubDb db, TimeProvider clock, AuditTrail audit, IOptions<SignOffOptions> signOff)
{
    /// <summary>
    /// Net hours per lesson of a person's enrolment (credits minus reversals), split by status: what is saved plus what
    /// the current unit of work has added.
    /// </summary>
    public async Task<IReadOnlyList<CourseCompletion.LessonState>> LessonStatesAsync(Guid enrollmentId, CancellationToken ct)
    {
        var rows = await db.HoursEntries.AsNoTracking()
            .Where(h => h.EnrollmentId == enrollmentId && h.LessonId != null)
            .Select(h => new { h.LessonId, h.Hours, h.Status }).ToListAsync(ct);
        rows.AddRange(Unsaved(enrollmentId).Where(h => h.LessonId != null).Select(h => new { h.LessonId, h.Hours, h.Status }));
        return rows.GroupBy(r => r.LessonId!)
            .Select(g => new CourseCompletion.LessonState(g.Key,
                g.Where(r => r.Status == HoursStatus.Credited).Sum(r => r.Hours),
                g.Where(r => r.Status == HoursStatus.Pending).Sum(r => r.Hours)))
            .ToList();
    }

    /// <summary>
    /// Credits up to the lesson's hours, less what it already holds (so a make-up session tops up a partial credit and a
    /// second attendance credits nothing), as one entry per domain the lesson's hours count toward (ADR 0015). Returns
    /// the new entries, none when nothing was due.
    /// </summary>
    public async Task<IReadOnlyList<HoursEntry>> CreditLessonAsync(Enrollment enrollment, Lesson lesson, decimal hours, HoursDelivery delivery,
        HoursSource source, DateOnly completedOn, string? recordedById, Guid? sessionId, CancellationToken ct)
    {
        if (hours <= 0) return [];
        var existing = await db.HoursEntries.AsNoTracking()
            .Where(h => h.EnrollmentId == enrollment.Id && h.LessonId == lesson.Id)
            .Select(h => new DomainShare(h.Domain, h.Hours)).ToListAsync(ct);
        existing.AddRange(Unsaved(enrollment.Id).Where(h => h.LessonId == lesson.Id).Select(h => new DomainShare(h.Domain, h.Hours)));
        hours = Math.Min(hours, lesson.Hours - existing.Sum(h => h.Hours));
        if (hours <= 0) return [];
        var held = existing.GroupBy(h => h.Domain).ToDictionary(g => g.Key, g => g.Sum(h => h.Hours), StringComparer.Ordinal);
        var shares = DomainSplit.Allocate(hours, lesson.DomainHours.Select(p => new DomainShare(p.Tag, p.Hours)).ToList(), held);
        // The n-th credit of this lesson in this enrolment: a retry or a racing request collides on the unique key of its
        // first part, so no part of a credit is written twice. The first part keeps the key a one-domain credit always had.
        var n = existing.Count(h => h.Hours > 0) + 1;
        var entries = new List<HoursEntry>();
        foreach (var share in shares)
        {
            var entry = new HoursEntry
            {
                Id = Guid.NewGuid(),
                PersonId = enrollment.PersonId,
                EnrollmentId = enrollment.Id,
                CourseId = enrollment.CourseId,
                CourseVersion = enrollment.CourseVersion,
                LessonId = lesson.Id,
                LiveSessionId = sessionId,
                Hours = share.Hours,
                Domain = share.Domain,
                DomainTags = string.Join(',', lesson.Domains),
                Delivery = delivery,
                CompletedOn = completedOn,
                Source = source,
                Status = NeedsSignOff(enrollment.CourseId, share.Domain) ? HoursStatus.Pending : HoursStatus.Credited,
                RecordedById = recordedById,
                RecordedAt = clock.GetUtcNow().UtcDateTime,
                IdempotencyKey = entries.Count == 0 ? $"lesson/{enrollment.Id}/{lesson.Id}/{n}" : $"lesson/{enrollment.Id}/{lesson.Id}/{n}/{share.Domain}",
            };
            db.HoursEntries.Add(entry);
            audit.Record(recordedById ?? enrollment.PersonId, AuditActions.HoursCredited, $"hours/{entry.Id}",
                $"{share.Hours} h of {share.Domain} for lesson {lesson.Id} ({source}, {delivery})");
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>Entries of the enrolment added in the current unit of work and not saved yet.</summary>
    private IEnumerable<HoursEntry> Unsaved(Guid enrollmentId) =>
        db.ChangeTracker.Entries<HoursEntry>().Where(e => e.State == EntityState.Added && e.Entity.EnrollmentId == enrollmentId).Select(e => e.Entity);

    /// <summary>Whether hours of this course and domain wait for a supervisor's sign-off (SignOff:Courses and SignOff:Domains).</summary>
    public bool NeedsSignOff(string courseId, string domain) =>
        signOff.Value.Courses.Contains(courseId, StringComparer.Ordinal) && signOff.Value.Domains.Contains(domain, StringComparer.Ordinal);

    /// <summary>Moves hours between statuses as a pair of entries (reverse the old, add the new), so nothing is edited.</summary>
    public HoursEntry Restate(HoursEntry original, HoursStatus status, string reason, string actorId, string key)
    {
        Reverse(original, reason, actorId);
        var entry = Copy(original, original.Hours, status, HoursSource.Correction, reason, actorId, key);
        db.HoursEntries.Add(entry);
        return entry;
    }

    /// <summary>A new pending entry like <paramref name="original"/> (a resubmission after a rejection).</summary>
    public HoursEntry Resubmit(HoursEntry original, string note, string personId, string key)
    {
        var entry = Copy(original, original.Hours, HoursStatus.Pending, HoursSource.Correction, note, personId, key);
        db.HoursEntries.Add(entry);
        audit.Record(personId, AuditActions.HoursResubmitted, $"hours/{entry.Id}", $"resubmits {original.Id}: {note}");
        return entry;
    }

    private HoursEntry Copy(HoursEntry original, decimal hours, HoursStatus status, HoursSource source, string reason, string actorId, string key) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = original.PersonId,
        EnrollmentId = original.EnrollmentId,
        CourseId = original.CourseId,
        CourseVersion = original.CourseVersion,
        LessonId = original.LessonId,
        LiveSessionId = original.LiveSessionId,
        Hours = hours,
        Domain = original.Domain,
        DomainTags = original.DomainTags,
        Delivery = original.Delivery,
        CompletedOn = original.CompletedOn,
        Source = source,
        Status = status,
        Reason = reason,
        RecordedById = actorId,
        RecordedAt = clock.GetUtcNow().UtcDateTime,
        IdempotencyKey = key,
    };

    /// <summary>
    /// Adds an entry that cancels <paramref name="original"/>, with the reason and who made it. Only a credit above zero
    /// is reversed, never a reversal, so every entry below zero is the one reversal of an entry above it (a unique index).
    /// </summary>
    public HoursEntry Reverse(HoursEntry original, string reason, string actorId)
    {
        if (original.Hours <= 0 || original.ReversesEntryId is not null)
        {
            throw new InvalidOperationException($"Hours entry {original.Id} is a reversal or holds no hours, so it cannot be reversed.");
        }
        var entry = new HoursEntry
        {
            Id = Guid.NewGuid(),
            PersonId = original.PersonId,
            EnrollmentId = original.EnrollmentId,
            CourseId = original.CourseId,
            CourseVersion = original.CourseVersion,
            LessonId = original.LessonId,
            LiveSessionId = original.LiveSessionId,
            Hours = -original.Hours,
            Domain = original.Domain,
            DomainTags = original.DomainTags,
            Delivery = original.Delivery,
            CompletedOn = original.CompletedOn,
            Source = HoursSource.Correction,
            Status = original.Status,
            ReversesEntryId = original.Id,
            Reason = reason,
            RecordedById = actorId,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            IdempotencyKey = $"reversal/{original.Id}",
        };
        db.HoursEntries.Add(entry);
        audit.Record(actorId, AuditActions.HoursReversed, $"hours/{original.Id}", reason);
        return entry;
    }
}
