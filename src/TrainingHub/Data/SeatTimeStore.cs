using Microsoft.EntityFrameworkCore;
using TrainingHub.Domain;

namespace TrainingHub.Data;

/// <summary>
/// Where a heartbeat's rows come from and go to: the beat's reads (compiled once, because a heartbeat is the request the
/// site answers most) and its writes. How an ordinary beat reaches the disk is an <see cref="ISeatTimeCommits"/> chosen
/// once at composition for the provider (grouped commits on SQLite, a plain save elsewhere), so the use case never
/// branches on the database.
/// </summary>
public sealed class SeatTimeStore(TrainingHubDb db, ISeatTimeCommits commits)
{
    /// <summary>What a beat needs to decide: none of it grows with the number of beats.</summary>
    /// <param name="LedgerHours">The lesson's hours in the ledger (credited and pending).</param>
    /// <param name="Totals">The person's running totals for the lesson (tracked; new if this is the first beat).</param>
    /// <param name="Clock">The person's clock across tabs and devices, or null before their first beat.</param>
    public sealed record Reading(Enrollment Enrollment, decimal LedgerHours, SeatTimeTotal Totals, bool BeatSeen, SeatTimeClock? Clock)
    {
        internal Guid? TotalsVersionRead { get; init; }
        internal Guid? ClockVersionRead { get; init; }
    }

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

    /// <summary>Null when the person is not enrolled in the course.</summary>
    public async Task<Reading?> ReadAsync(string personId, string courseId, string lessonId, Guid beatId, CancellationToken ct)
    {
        var found = await FindEnrollment(db, personId, courseId, lessonId, ct);
        if (found is null) return null;
        var totals = await FindTotals(db, personId, lessonId, ct) ?? await TotalsFromBeatsAsync(personId, courseId, lessonId, ct);
        var seen = await BeatExists(db, beatId, ct);
        var clock = seen ? null : await FindClock(db, personId, ct);
        return new Reading(found.Enrollment, found.LedgerHours, totals, seen, clock)
        {
            TotalsVersionRead = VersionRead(totals),
            ClockVersionRead = clock is null ? null : VersionRead(clock),
        };
    }

    /// <summary>
    /// Saves a beat that only adds seat time: the beat, the totals (already updated by the caller) and the clock moved
    /// to <paramref name="lastBeatAt"/>. Throws <see cref="DbUpdateException"/> when a racing beat of the same person
    /// changed the totals or the clock first; the caller reads again.
    /// </summary>
    public Task SaveAsync(SeatTimeBeat beat, Reading reading, DateTime lastBeatAt, CancellationToken ct) =>
        commits.SaveAsync(db, beat, reading, NewClock(reading, lastBeatAt), ct);

    /// <summary>Adds the beat and the moved clock to the current unit of work, for a beat saved with other rows (a lesson's credit).</summary>
    public void Stage(SeatTimeBeat beat, Reading reading, DateTime lastBeatAt) => StageOnContext(db, beat, reading, NewClock(reading, lastBeatAt));

    internal static void StageOnContext(TrainingHubDb db, SeatTimeBeat beat, Reading reading, SeatTimeClock clock)
    {
        db.SeatTimeBeats.Add(beat);
        if (reading.Clock is null) db.SeatTimeClocks.Add(clock);
        else (reading.Clock.LastBeatAt, reading.Clock.Version) = (clock.LastBeatAt, clock.Version);
    }

    // A new version on every beat, moved forward or not, so a racing beat of the same person always conflicts.
    private static SeatTimeClock NewClock(Reading reading, DateTime lastBeatAt) => new()
    {
        PersonId = reading.Totals.PersonId,
        LastBeatAt = reading.Clock is null || lastBeatAt > reading.Clock.LastBeatAt ? lastBeatAt : reading.Clock.LastBeatAt,
        Version = Guid.NewGuid(),
    };

    /// <summary>The version a row was read with (null for a row not yet in the database), for the concurrency check.</summary>
    private Guid? VersionRead(IVersioned row)
    {
        var entry = db.Entry(row);
        return entry.State == EntityState.Added ? null : entry.Property<Guid>(nameof(IVersioned.Version)).OriginalValue;
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

/// <summary>How an ordinary beat's three rows (beat, totals, clock) are committed.</summary>
public interface ISeatTimeCommits
{
    Task SaveAsync(TrainingHubDb db, SeatTimeBeat beat, SeatTimeStore.Reading reading, SeatTimeClock clock, CancellationToken ct);
}

/// <summary>Each beat in its own save: SQL Server, PostgreSQL, and SQLite with Database:GroupSqliteCommits off.</summary>
public sealed class SeatTimeCommitsOneByOne : ISeatTimeCommits
{
    public Task SaveAsync(TrainingHubDb db, SeatTimeBeat beat, SeatTimeStore.Reading reading, SeatTimeClock clock, CancellationToken ct)
    {
        SeatTimeStore.StageOnContext(db, beat, reading, clock);
        return db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// SQLite: the beat joins the group of beats committing together (<see cref="SqliteCommitGroup"/>, one disk sync for
/// many). The rows are copied onto the group's own context with the versions they were read with.
/// </summary>
public sealed class SeatTimeCommitsGrouped(SqliteCommitGroup group) : ISeatTimeCommits
{
    public Task SaveAsync(TrainingHubDb db, SeatTimeBeat beat, SeatTimeStore.Reading reading, SeatTimeClock clock, CancellationToken ct)
    {
        var totals = reading.Totals.Copy();
        return group.SaveAsync(context =>
        {
            context.SeatTimeBeats.Add(beat);
            Stage(context, totals, reading.TotalsVersionRead);
            Stage(context, clock, reading.ClockVersionRead);
        });
    }

    /// <summary>Adds a new row, or updates an existing one only if it still has the version it was read with.</summary>
    private static void Stage(TrainingHubDb context, IVersioned row, Guid? versionRead)
    {
        if (versionRead is not { } read)
        {
            context.Add(row);
            return;
        }
        var entry = context.Attach(row);
        entry.State = EntityState.Modified;
        entry.Property<Guid>(nameof(IVersioned.Version)).OriginalValue = read;
    }
}
