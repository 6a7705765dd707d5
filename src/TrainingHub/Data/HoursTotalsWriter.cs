using Microsoft.EntityFrameworkCore;
using TrainingHub.Domain;

namespace TrainingHub.Data;

/// <summary>
/// Keeps <see cref="HoursTotal"/> and <see cref="LessonHoursTotal"/> equal to the hours ledger: <see cref="TrainingHubDb"/>
/// calls it on every save that adds hours entries, inside the save's transaction. Each total moves by one atomic
/// upsert (add to the row, or insert it), so two writers racing on one person's totals both count: neither reads the
/// row and writes it back. Rows are touched in one order (person, then the rest), so two writers cannot deadlock on them.
/// </summary>
public static class HoursTotalsWriter
{
    /// <summary>What the pending save adds to the totals, summed by total.</summary>
    public sealed record Changes(IReadOnlyList<HoursTotal> Domains, IReadOnlyList<LessonHoursTotal> Lessons)
    {
        public int Count => Domains.Count + Lessons.Count;
    }

    public static Changes Added(TrainingHubDb db)
    {
        var entries = db.ChangeTracker.Entries<HoursEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (entries.Count == 0) return new Changes([], []);
        var domains = entries.GroupBy(h => (h.PersonId, h.Domain, h.Status))
            .Select(g => new HoursTotal
            {
                PersonId = g.Key.PersonId, Domain = g.Key.Domain, Status = g.Key.Status,
                Hundredths = g.Sum(h => Hundredths(h.Hours)), Items = g.Sum(h => Math.Sign(h.Hours)),
            })
            .OrderBy(t => t.PersonId, StringComparer.Ordinal).ThenBy(t => t.Domain, StringComparer.Ordinal).ThenBy(t => t.Status).ToList();
        var lessons = entries.Where(h => h.LessonId is not null).GroupBy(h => (h.PersonId, h.CourseId, LessonId: h.LessonId!))
            .Select(g => new LessonHoursTotal { PersonId = g.Key.PersonId, CourseId = g.Key.CourseId, LessonId = g.Key.LessonId, Hundredths = g.Sum(h => Hundredths(h.Hours)) })
            .OrderBy(t => t.PersonId, StringComparer.Ordinal).ThenBy(t => t.CourseId, StringComparer.Ordinal).ThenBy(t => t.LessonId, StringComparer.Ordinal).ToList();
        return new Changes(domains, lessons);
    }

    /// <summary>Hours as whole hundredths, rounded as the ledger's two-decimal column stores them.</summary>
    public static long Hundredths(decimal hours) => (long)Math.Round(hours * 100m, MidpointRounding.AwayFromZero);

    public static void Apply(TrainingHubDb db, Changes changes)
    {
        foreach (var sql in Statements(db, changes)) db.Database.ExecuteSql(sql);
    }

    public static async Task ApplyAsync(TrainingHubDb db, Changes changes, CancellationToken ct)
    {
        foreach (var sql in Statements(db, changes)) await db.Database.ExecuteSqlAsync(sql, ct);
    }

    private static IEnumerable<FormattableString> Statements(TrainingHubDb db, Changes changes)
    {
        var sqlServer = db.Database.IsSqlServer();
        foreach (var t in changes.Domains)
        {
            var status = t.Status.ToString();
            yield return sqlServer
                ? (FormattableString)$"""
                  MERGE "HoursTotals" WITH (HOLDLOCK) AS t
                  USING (SELECT {t.PersonId} AS "PersonId", {t.Domain} AS "Domain", {status} AS "Status", {t.Hundredths} AS "Hundredths", {t.Items} AS "Items") AS s
                  ON t."PersonId" = s."PersonId" AND t."Domain" = s."Domain" AND t."Status" = s."Status"
                  WHEN MATCHED THEN UPDATE SET "Hundredths" = t."Hundredths" + s."Hundredths", "Items" = t."Items" + s."Items"
                  WHEN NOT MATCHED THEN INSERT ("PersonId", "Domain", "Status", "Hundredths", "Items") VALUES (s."PersonId", s."Domain", s."Status", s."Hundredths", s."Items");
                  """
                : $"""
                  INSERT INTO "HoursTotals" ("PersonId", "Domain", "Status", "Hundredths", "Items") VALUES ({t.PersonId}, {t.Domain}, {status}, {t.Hundredths}, {t.Items})
                  ON CONFLICT ("PersonId", "Domain", "Status") DO UPDATE
                  SET "Hundredths" = "HoursTotals"."Hundredths" + excluded."Hundredths", "Items" = "HoursTotals"."Items" + excluded."Items"
                  """;
        }
        foreach (var t in changes.Lessons)
        {
            yield return sqlServer
                ? (FormattableString)$"""
                  MERGE "LessonHoursTotals" WITH (HOLDLOCK) AS t
                  USING (SELECT {t.PersonId} AS "PersonId", {t.CourseId} AS "CourseId", {t.LessonId} AS "LessonId", {t.Hundredths} AS "Hundredths") AS s
                  ON t."PersonId" = s."PersonId" AND t."CourseId" = s."CourseId" AND t."LessonId" = s."LessonId"
                  WHEN MATCHED THEN UPDATE SET "Hundredths" = t."Hundredths" + s."Hundredths"
                  WHEN NOT MATCHED THEN INSERT ("PersonId", "CourseId", "LessonId", "Hundredths") VALUES (s."PersonId", s."CourseId", s."LessonId", s."Hundredths");
                  """
                : $"""
                  INSERT INTO "LessonHoursTotals" ("PersonId", "CourseId", "LessonId", "Hundredths") VALUES ({t.PersonId}, {t.CourseId}, {t.LessonId}, {t.Hundredths})
                  ON CONFLICT ("PersonId", "CourseId", "LessonId") DO UPDATE SET "Hundredths" = "LessonHoursTotals"."Hundredths" + excluded."Hundredths"
                  """;
        }
    }

    /// <summary>
    /// Rebuilds both totals from the ledger, in one statement each that the database aggregates (the migration that
    /// introduced them runs this to count the entries written before; the benchmark's data generator after its bulk
    /// load). Hours are rounded to hundredths per entry, as the writer does. Run it where nothing writes hours.
    /// </summary>
    /// <param name="provider">The EF Core provider's name (<c>migrationBuilder.ActiveProvider</c>, <c>Database.ProviderName</c>).</param>
    public static IReadOnlyList<string> RebuildSql(string? provider)
    {
        // SQLite stores decimals as text: CAST to REAL, then round to the whole hundredth, is exact at two decimals;
        // PostgreSQL and SQL Server hold exact numerics already.
        var sqlite = provider == "Microsoft.EntityFrameworkCore.Sqlite";
        var hours = sqlite ? "CAST(\"Hours\" AS REAL)" : "\"Hours\"";
        var hundredths = $"CAST(ROUND({hours} * 100, 0) AS BIGINT)";
        var sign = $"CASE WHEN {hours} > 0 THEN 1 WHEN {hours} < 0 THEN -1 ELSE 0 END";
        return
        [
            """DELETE FROM "HoursTotals";""",
            """DELETE FROM "LessonHoursTotals";""",
            $"""
            INSERT INTO "HoursTotals" ("PersonId", "Domain", "Status", "Hundredths", "Items")
            SELECT "PersonId", "Domain", "Status", SUM({hundredths}), SUM({sign})
            FROM "HoursEntries" GROUP BY "PersonId", "Domain", "Status";
            """,
            $"""
            INSERT INTO "LessonHoursTotals" ("PersonId", "CourseId", "LessonId", "Hundredths")
            SELECT "PersonId", "CourseId", "LessonId", SUM({hundredths})
            FROM "HoursEntries" WHERE "LessonId" IS NOT NULL GROUP BY "PersonId", "CourseId", "LessonId";
            """,
        ];
    }
}
