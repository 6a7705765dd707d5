using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.LearningRecord;

/// <summary>
/// A heartbeat from a self-paced lesson page that is visible and in use. Time is credited against the person's one
/// clock across all tabs and devices, so overlapping beats never count the same minute twice.
/// </summary>
public static class RecordHeartbeat
{
    /// <param name="Starting">The page has just opened: start the clock without crediting time spent elsewhere.</param>
    /// <param name="ReachedEnd">The person has scrolled to the end of the lesson.</param>
    public sealed record Command(string PersonId, string CourseId, string LessonId, Guid BeatId, DateTime? ClientSentAt, bool Starting, bool ReachedEnd)
        : ICommand<Result>;

    public enum Outcome { Credited, Duplicate, FromTheFuture }

    public sealed record Result(Outcome Outcome, int CreditedSeconds, int ActiveSeconds, int RequiredSeconds, bool ReachedEnd, bool LessonComplete);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog)
        {
            RuleFor(c => c.PersonId).NotEmpty();
            RuleFor(c => c.BeatId).NotEmpty().WithMessage("The heartbeat has no id.");
            RuleFor(c => c.LessonId)
                .Must((c, lessonId) => catalog.FindLesson(c.CourseId, lessonId) is not null).WithMessage("There is no such lesson.")
                .Must((c, lessonId) => catalog.FindLesson(c.CourseId, lessonId) is not { Delivery: LessonDelivery.Live })
                .WithMessage("Time is recorded on self-paced lessons only; live lessons count by attendance.");
        }
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, TimeProvider clock, IOptions<LearningRecordOptions> options,
        HoursLedger ledger, CompletionCheck completion, SqliteCommitGroup commitGroup, IOptions<DatabaseOptions> database)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var lesson = catalog.FindLesson(command.CourseId, command.LessonId)!;
            var o = options.Value;
            var required = SeatTimeRules.RequiredSeconds(lesson.Hours, o.MinutesPerCreditedHour);
            // One connection for the whole beat, the most frequent request the site answers: otherwise each of its queries
            // opens and closes one, and with SQLite each open also runs EF Core's foreign-key pragma. Closed here again, so a
            // pooled context goes back to the pool as it came.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await TryOnce(command, lesson, required, o, ct);
                    }
                    catch (DbUpdateException) when (attempt < MaxTries)
                    {
                        // Another beat of this person won the race for the clock or the totals (or the same beat arrived twice):
                        // recompute. Each round of racing beats lets at least one through, so a person with several tabs
                        // open needs at most one try per tab.
                        db.ChangeTracker.Clear();
                    }
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        private const int MaxTries = 10;

        // The beat's four reads, compiled once: EF Core otherwise rebuilds and looks up each query's expression on every beat.
        private sealed record EnrollmentAndLedgerHours(Enrollment Enrollment, decimal LedgerHours);

        private static readonly Func<TrainingHubDb, string, string, string, CancellationToken, Task<EnrollmentAndLedgerHours?>> FindEnrollment =
            EF.CompileAsyncQuery((TrainingHubDb db, string personId, string courseId, string lessonId, CancellationToken ct) =>
                db.Enrollments
                    .Where(e => e.PersonId == personId && e.CourseId == courseId)
                    .Select(e => new EnrollmentAndLedgerHours(e,
                        db.HoursEntries.Where(h => h.EnrollmentId == e.Id && h.LessonId == lessonId).Sum(h => (decimal?)h.Hours) ?? 0m))
                    .SingleOrDefault());

        private static readonly Func<TrainingHubDb, string, string, CancellationToken, Task<SeatTimeTotal?>> FindTotals =
            EF.CompileAsyncQuery((TrainingHubDb db, string personId, string lessonId, CancellationToken ct) =>
                db.SeatTimeTotals.SingleOrDefault(t => t.PersonId == personId && t.LessonId == lessonId));

        private static readonly Func<TrainingHubDb, Guid, CancellationToken, Task<bool>> BeatExists =
            EF.CompileAsyncQuery((TrainingHubDb db, Guid beatId, CancellationToken ct) => db.SeatTimeBeats.Any(b => b.Id == beatId));

        private static readonly Func<TrainingHubDb, string, CancellationToken, Task<SeatTimeClock?>> FindClock =
            EF.CompileAsyncQuery((TrainingHubDb db, string personId, CancellationToken ct) =>
                db.SeatTimeClocks.SingleOrDefault(c => c.PersonId == personId));

        private async Task<Result> TryOnce(Command command, Lesson lesson, int required, LearningRecordOptions o, CancellationToken ct)
        {
            // Four reads: the enrolment with the lesson's hours in the ledger, the person's running totals for the lesson,
            // whether this beat was seen before, and the person's clock. None of them grows with the number of beats.
            var found = await FindEnrollment(db, command.PersonId, command.CourseId, lesson.Id, ct)
                ?? throw new ForbiddenException("You are not enrolled in this course, so time on it is not recorded.");
            var enrollment = found.Enrollment;
            // Credited and pending entries both count: pending ones only wait for a supervisor's sign-off.
            var complete = found.LedgerHours >= lesson.Hours;

            var totals = await FindTotals(db, command.PersonId, lesson.Id, ct)
                ?? await TotalsFromBeatsAsync(command.PersonId, command.CourseId, lesson.Id, ct);

            if (await BeatExists(db, command.BeatId, ct))
            {
                return new Result(Outcome.Duplicate, 0, totals.ActiveSeconds, required, totals.ReachedEnd, complete);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            var personClock = await FindClock(db, command.PersonId, ct);
            var settings = new SeatTimeRules.Settings(o.HeartbeatSeconds, o.HeartbeatSlackSeconds, o.FutureToleranceSeconds, o.MaxActiveMinutesPerLessonPerDay * 60);
            var verdict = SeatTimeRules.Credit(now, command.ClientSentAt, command.Starting ? null : personClock?.LastBeatAt, totals.SecondsOn(today), settings);
            if (verdict.Verdict == SeatTimeRules.Verdict.FromTheFuture)
            {
                return new Result(Outcome.FromTheFuture, 0, totals.ActiveSeconds, required, totals.ReachedEnd, complete);
            }

            var beat = new SeatTimeBeat
            {
                Id = command.BeatId,
                PersonId = command.PersonId,
                CourseId = command.CourseId,
                LessonId = lesson.Id,
                ReceivedAt = now,
                Day = today,
                CreditedSeconds = verdict.CreditedSeconds,
                ReachedEnd = command.ReachedEnd,
            };
            var totalsVersion = VersionRead(totals);
            totals.Add(today, verdict.CreditedSeconds, command.ReachedEnd);
            var clockVersion = personClock is null ? null : VersionRead(personClock);
            // A new version on every beat, moved forward or not, so a racing beat of the same person always conflicts.
            var newClock = new SeatTimeClock
            {
                PersonId = command.PersonId,
                LastBeatAt = personClock is null || now > personClock.LastBeatAt ? now : personClock.LastBeatAt,
                Version = Guid.NewGuid(),
            };

            var completesLesson = !complete && SeatTimeRules.SelfPacedComplete(lesson.Hours, totals.ActiveSeconds, totals.ReachedEnd, o.MinutesPerCreditedHour);
            if (!completesLesson && database.Value.GroupSqliteCommits && db.Database.IsSqlite())
            {
                // Most beats are three rows: committed together with the other beats arriving now (SqliteCommitGroup).
                var totalsRow = totals.Copy();
                await commitGroup.SaveAsync(group =>
                {
                    group.SeatTimeBeats.Add(beat);
                    Stage(group, totalsRow, totalsVersion);
                    Stage(group, newClock, clockVersion);
                });
            }
            else
            {
                // Saved on its own: the beat that completes the lesson (with its ledger entry, in the same transaction),
                // and every beat when commits are not grouped (SQL Server, PostgreSQL, or Database:GroupSqliteCommits off).
                db.SeatTimeBeats.Add(beat);
                if (personClock is null) db.SeatTimeClocks.Add(newClock);
                else (personClock.LastBeatAt, personClock.Version) = (newClock.LastBeatAt, newClock.Version);
                if (completesLesson)
                {
                    var entry = await ledger.CreditLessonAsync(enrollment, lesson, lesson.Hours, HoursDelivery.SelfPaced, HoursSource.SeatTime, today, null, null, ct);
                    complete = entry is not null;
                    if (entry is not null) await completion.MarkIfCompleteAsync(enrollment, [entry], ct);
                }
                await db.SaveChangesAsync(ct);
            }
            return new Result(Outcome.Credited, verdict.CreditedSeconds, totals.ActiveSeconds, required, totals.ReachedEnd, complete);
        }

        /// <summary>The version a row was read with (null for a row not yet in the database), for the concurrency check.</summary>
        private Guid? VersionRead(IVersioned row)
        {
            var entry = db.Entry(row);
            return entry.State == EntityState.Added ? null : entry.Property<Guid>(nameof(IVersioned.Version)).OriginalValue;
        }

        /// <summary>Adds a new row, or updates an existing one only if it still has the version it was read with.</summary>
        private static void Stage(TrainingHubDb group, IVersioned row, Guid? versionRead)
        {
            if (versionRead is not { } read)
            {
                group.Add(row);
                return;
            }
            var entry = group.Attach(row);
            entry.State = EntityState.Modified;
            entry.Property<Guid>(nameof(IVersioned.Version)).OriginalValue = read;
        }

        /// <summary>
        /// The running totals for a lesson that has none yet (its first beat, or beats recorded before totals were kept),
        /// added from the beats themselves; saved with the beat that needed them.
        /// </summary>
        private async Task<SeatTimeTotal> TotalsFromBeatsAsync(string personId, string courseId, string lessonId, CancellationToken ct)
        {
            var days = await db.SeatTimeBeats.AsNoTracking()
                .Where(b => b.PersonId == personId && b.LessonId == lessonId)
                .GroupBy(b => b.Day)
                .Select(g => new { Day = g.Key, Seconds = g.Sum(b => b.CreditedSeconds), ReachedEnd = g.Any(b => b.ReachedEnd) })
                .ToListAsync(ct);
            var latest = days.MaxBy(d => d.Day);
            var totals = new SeatTimeTotal
            {
                PersonId = personId,
                LessonId = lessonId,
                CourseId = courseId,
                ActiveSeconds = days.Sum(d => d.Seconds),
                ReachedEnd = days.Any(d => d.ReachedEnd),
                Day = latest?.Day ?? default,
                DaySeconds = latest?.Seconds ?? 0,
                Version = Guid.NewGuid(),
            };
            db.SeatTimeTotals.Add(totals);
            return totals;
        }
    }
}
