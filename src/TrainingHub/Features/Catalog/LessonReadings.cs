using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;

namespace TrainingHub.Features.Catalog;

/// <summary>
/// The lesson page's one read of the person's record (<see cref="GetLesson"/>). On SQLite the statement is prepared once
/// per connection and kept: SQLite compiles a statement again each time EF Core runs it (a new command each call), and
/// compiling, not running, was most of the lesson page's data cost (docs/benchmarks.md, "Read paths"). Each connection is
/// used by one request at a time and opened read-only, so it can never write; in WAL mode each read sees what is committed
/// when it starts, as EF Core's own reads do. The other databases run EF Core's compiled query (PostgreSQL prepares it itself).
/// </summary>
public sealed class LessonReadings : IDisposable
{
    /// <summary>What the page needs: null when the person is not enrolled in the course.</summary>
    public sealed record Reading(int ActiveSeconds, bool ReachedEnd, long Hundredths, Guid? NoteId, string? NoteText,
        int PreviousActiveSeconds, bool PreviousReachedEnd, long PreviousHundredths)
    {
        public decimal CreditedHours => Hundredths / 100m;

        public decimal PreviousCreditedHours => PreviousHundredths / 100m;
    }

    // The enrolment, the lesson's running seat-time totals (or its beats, for data from before the totals: COALESCE reads
    // them only when there is no totals row), its net hours in the ledger (LessonHoursTotals, kept with every entry, in
    // exact hundredths), the person's note, and the same totals of the lesson before it.
    private const string Sql = """
        SELECT
          COALESCE((SELECT t."ActiveSeconds" FROM "SeatTimeTotals" AS t WHERE t."PersonId" = $person AND t."LessonId" = $lesson),
                   (SELECT SUM(b."CreditedSeconds") FROM "SeatTimeBeats" AS b WHERE b."PersonId" = $person AND b."LessonId" = $lesson), 0),
          COALESCE((SELECT t."ReachedEnd" FROM "SeatTimeTotals" AS t WHERE t."PersonId" = $person AND t."LessonId" = $lesson),
                   EXISTS (SELECT 1 FROM "SeatTimeBeats" AS b WHERE b."PersonId" = $person AND b."LessonId" = $lesson AND b."ReachedEnd")),
          COALESCE((SELECT h."Hundredths" FROM "LessonHoursTotals" AS h WHERE h."PersonId" = $person AND h."CourseId" = $course AND h."LessonId" = $lesson), 0),
          (SELECT r."Id" FROM "LessonReflections" AS r WHERE r."PersonId" = $person AND r."CourseId" = $course AND r."LessonId" = $lesson),
          (SELECT r."Text" FROM "LessonReflections" AS r WHERE r."PersonId" = $person AND r."CourseId" = $course AND r."LessonId" = $lesson),
          COALESCE((SELECT t."ActiveSeconds" FROM "SeatTimeTotals" AS t WHERE t."PersonId" = $person AND t."LessonId" = $previous), 0),
          COALESCE((SELECT t."ReachedEnd" FROM "SeatTimeTotals" AS t WHERE t."PersonId" = $person AND t."LessonId" = $previous), 0),
          COALESCE((SELECT h."Hundredths" FROM "LessonHoursTotals" AS h WHERE h."PersonId" = $person AND h."CourseId" = $course AND h."LessonId" = $previous), 0)
        FROM "Enrollments" AS e
        WHERE e."PersonId" = $person AND e."CourseId" = $course
        LIMIT 1
        """;

    private static readonly Func<TrainingHubDb, string, string, string, string, CancellationToken, Task<Reading?>> Compiled =
        EF.CompileAsyncQuery((TrainingHubDb db, string personId, string courseId, string lessonId, string previousId, CancellationToken ct) =>
            db.Enrollments.AsNoTracking()
                .Where(e => e.PersonId == personId && e.CourseId == courseId)
                .Select(e => new Reading(
                    db.SeatTimeTotals.Where(t => t.PersonId == personId && t.LessonId == lessonId).Select(t => (int?)t.ActiveSeconds).FirstOrDefault()
                        ?? db.SeatTimeBeats.Where(b => b.PersonId == personId && b.LessonId == lessonId).Sum(b => (int?)b.CreditedSeconds) ?? 0,
                    db.SeatTimeTotals.Where(t => t.PersonId == personId && t.LessonId == lessonId).Select(t => (bool?)t.ReachedEnd).FirstOrDefault()
                        ?? db.SeatTimeBeats.Any(b => b.PersonId == personId && b.LessonId == lessonId && b.ReachedEnd),
                    db.LessonHoursTotals.Where(h => h.PersonId == personId && h.CourseId == courseId && h.LessonId == lessonId).Select(h => (long?)h.Hundredths).FirstOrDefault() ?? 0L,
                    db.LessonReflections.Where(r => r.PersonId == personId && r.CourseId == courseId && r.LessonId == lessonId).Select(r => (Guid?)r.Id).FirstOrDefault(),
                    db.LessonReflections.Where(r => r.PersonId == personId && r.CourseId == courseId && r.LessonId == lessonId).Select(r => r.Text).FirstOrDefault(),
                    db.SeatTimeTotals.Where(t => t.PersonId == personId && t.LessonId == previousId).Select(t => (int?)t.ActiveSeconds).FirstOrDefault() ?? 0,
                    db.SeatTimeTotals.Where(t => t.PersonId == personId && t.LessonId == previousId).Select(t => (bool?)t.ReachedEnd).FirstOrDefault() ?? false,
                    db.LessonHoursTotals.Where(h => h.PersonId == personId && h.CourseId == courseId && h.LessonId == previousId).Select(h => (long?)h.Hundredths).FirstOrDefault() ?? 0L))
                .FirstOrDefault());

    /// <summary>Open read-only connections, each with the statement prepared; at most this many are kept.</summary>
    private const int Kept = 32;

    private readonly ConcurrentBag<SqliteCommand> idle = [];
    private string? connectionString;
    private bool disposed;

    public async Task<Reading?> ReadAsync(TrainingHubDb db, string personId, string courseId, string lessonId, string previousId, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return await Compiled(db, personId, courseId, lessonId, previousId, ct);

        var command = Rent(db);
        try
        {
            command.Parameters["$person"].Value = personId;
            command.Parameters["$course"].Value = courseId;
            command.Parameters["$lesson"].Value = lessonId;
            command.Parameters["$previous"].Value = previousId;
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return null;
            return new Reading(reader.GetInt32(0), reader.GetInt64(1) != 0, reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5), reader.GetInt64(6) != 0, reader.GetInt64(7));
        }
        catch
        {
            command.Connection?.Dispose();
            command.Dispose();
            command = null;
            throw;
        }
        finally
        {
            if (command is not null) Return(command);
        }
    }

    private SqliteCommand Rent(TrainingHubDb db)
    {
        if (idle.TryTake(out var command)) return command;
        connectionString ??= new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, connection.DefaultTimeout * 1000);
        command = connection.CreateCommand();
        command.CommandText = Sql;
        foreach (var name in new[] { "$person", "$course", "$lesson", "$previous" }) command.Parameters.Add(new SqliteParameter(name, ""));
        command.Prepare();
        return command;
    }

    private void Return(SqliteCommand command)
    {
        if (disposed || idle.Count >= Kept)
        {
            command.Connection?.Dispose();
            command.Dispose();
            return;
        }
        idle.Add(command);
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var command))
        {
            command.Connection?.Dispose();
            command.Dispose();
        }
    }
}
