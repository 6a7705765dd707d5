using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;

namespace TrainingHub.Features.LearningRecord;

/// <summary>
/// The recurring repair: an active enrolment whose record already holds everything the course asks for (every lesson's
/// hours credited, every quiz passed) was never completed, e.g. its rows were restored from a backup or written by hand.
/// It is completed through <see cref="CompletionCheck.CompleteIfDoneAsync"/>, the normal completion, so it gets its audit
/// event and one certificate request. One conditional update of the enrolment decides a race between servers: the pass that
/// loses it keeps none of its changes.
/// </summary>
public static partial class ReconcileCompletions
{
    /// <summary>Returns how many enrolments this pass completed.</summary>
    public sealed record Command : ICommand<int>;

    public sealed partial class Handler(TrainingHubDb db, CourseCatalog catalog, CompletionCheck completion, Pipeline.UnitOfWork unitOfWork, SqliteWriteGate gates, ILogger<Handler> logger)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var repaired = 0;
            foreach (var id in await CandidatesAsync(ct))
            {
                db.ChangeTracker.Clear();
                if (await CompleteAsync(id, ct)) repaired++;
            }
            db.ChangeTracker.Clear();
            if (repaired > 0) Repaired(logger, repaired);
            return repaired;
        }

        /// <summary>
        /// In one transaction: the enrolment moves from active to completed by one conditional update, which only one pass
        /// can make (on PostgreSQL the row lock makes a second pass wait and then find it completed; on SQLite the write
        /// gate and <c>BEGIN IMMEDIATE</c> put passes in turn), then the normal completion adds its audit event and
        /// certificate request. A record that turns out incomplete, or a request already queued, rolls it all back.
        /// </summary>
        private async Task<bool> CompleteAsync(Guid id, CancellationToken ct)
        {
            var gate = gates.For(db);
            if (gate is not null) await gate.WaitAsync(ct);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var enrollment = await db.Enrollments.SingleAsync(e => e.Id == id, ct);
                var key = new CertificateRequested(enrollment.Id, enrollment.CourseVersion).Key;
                if (!await completion.CompleteIfDoneAsync(enrollment, ct)) return false;
                if (!db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added && e.Entity.Key == key)) return false;
                var taken = await db.Enrollments.Where(e => e.Id == id && e.Status == EnrollmentStatus.Active)
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrollmentStatus.Completed), ct);
                if (taken == 0)
                {
                    LostRace(logger, id);
                    return false;
                }
                await unitOfWork.SaveAsync(ct);
                await transaction.CommitAsync(ct);
                unitOfWork.Committed();
                return true;
            }
            catch (DbUpdateException e) when (DbConflicts.IsLostRace(e))
            {
                LostRace(logger, id);
                return false;
            }
            finally
            {
                db.ChangeTracker.Clear();
                gate?.Release();
            }
        }

        /// <summary>
        /// Active enrolments with a credited entry for at least as many lessons as their course has lessons with hours: a
        /// cheap test every complete record passes, so only these are evaluated in full.
        /// </summary>
        private async Task<List<Guid>> CandidatesAsync(CancellationToken ct)
        {
            var lessonsCredited = await db.HoursEntries.AsNoTracking()
                .Where(h => h.Status == HoursStatus.Credited && h.LessonId != null && h.Hours > 0)
                .Where(h => db.Enrollments.Any(e => e.Id == h.EnrollmentId && e.Status == EnrollmentStatus.Active))
                .GroupBy(h => h.EnrollmentId)
                .Select(g => new { EnrollmentId = g.Key, Lessons = g.Select(h => h.LessonId).Distinct().Count() })
                .ToDictionaryAsync(x => x.EnrollmentId, x => x.Lessons, ct);
            var active = await db.Enrollments.AsNoTracking().Where(e => e.Status == EnrollmentStatus.Active)
                .Select(e => new { e.Id, e.CourseId }).ToListAsync(ct);
            return active
                .Where(e => catalog.Find(e.CourseId) is { } course && lessonsCredited.GetValueOrDefault(e.Id) >= course.Lessons.Count(l => l.Hours > 0))
                .Select(e => e.Id).ToList();
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Completion reconciliation completed {Count} enrolments whose record was complete but whose completion was missing")]
        private static partial void Repaired(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Enrolment {EnrollmentId} was completed by another server during the reconciliation pass")]
        private static partial void LostRace(ILogger logger, Guid enrollmentId);
    }
}
