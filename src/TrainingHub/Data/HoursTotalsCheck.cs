using Microsoft.EntityFrameworkCore;
using TrainingHub.Domain;

namespace TrainingHub.Data;

/// <summary>
/// Compares the running hours totals with the ledger they are kept from (a GROUP BY over every entry): the reports read
/// the totals, so any difference is a defect to find. Reads the whole ledger; for tests and checks, not for requests.
/// </summary>
public static class HoursTotalsCheck
{
    /// <summary>One line per total that differs from the ledger (the total's key, what the ledger says, what the total says); empty when they agree.</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(TrainingHubDb db, CancellationToken ct)
    {
        var differences = new List<string>();

        var ledgerDomains = await db.HoursEntries.AsNoTracking()
            .GroupBy(h => new { h.PersonId, h.Domain, h.Status })
            .Select(g => new
            {
                g.Key.PersonId, g.Key.Domain, g.Key.Status,
                Hundredths = g.Sum(h => (long)Math.Round((double)h.Hours * 100)),
                Items = g.Sum(h => (double)h.Hours > 0 ? 1 : (double)h.Hours < 0 ? -1 : 0),
            }).ToListAsync(ct);
        var totalDomains = await db.HoursTotals.AsNoTracking().ToListAsync(ct);
        Compare(differences, "hours",
            ledgerDomains.ToDictionary(l => $"{l.PersonId}/{l.Domain}/{l.Status}", l => (l.Hundredths, l.Items)),
            totalDomains.ToDictionary(t => $"{t.PersonId}/{t.Domain}/{t.Status}", t => (t.Hundredths, t.Items)));

        var ledgerLessons = await db.HoursEntries.AsNoTracking().Where(h => h.LessonId != null)
            .GroupBy(h => new { h.PersonId, h.CourseId, h.LessonId })
            .Select(g => new { g.Key.PersonId, g.Key.CourseId, g.Key.LessonId, Hundredths = g.Sum(h => (long)Math.Round((double)h.Hours * 100)) })
            .ToListAsync(ct);
        var totalLessons = await db.LessonHoursTotals.AsNoTracking().ToListAsync(ct);
        Compare(differences, "lesson",
            ledgerLessons.ToDictionary(l => $"{l.PersonId}/{l.CourseId}/{l.LessonId}", l => (l.Hundredths, Items: 0)),
            totalLessons.ToDictionary(t => $"{t.PersonId}/{t.CourseId}/{t.LessonId}", t => (t.Hundredths, Items: 0)));
        return differences;
    }

    private static void Compare(List<string> differences, string kind,
        Dictionary<string, (long Hundredths, int Items)> ledger, Dictionary<string, (long Hundredths, int Items)> totals)
    {
        foreach (var key in ledger.Keys.Union(totals.Keys).Order(StringComparer.Ordinal))
        {
            var expected = ledger.GetValueOrDefault(key);
            var actual = totals.GetValueOrDefault(key);
            if (expected != actual) differences.Add($"{kind} {key}: ledger {expected}, totals {actual}");
        }
    }
}
