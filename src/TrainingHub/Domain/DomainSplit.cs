namespace TrainingHub.Domain;

/// <summary>Hours of one lesson credit that count toward one domain tag.</summary>
public sealed record DomainShare(string Domain, decimal Hours);

/// <summary>
/// How a lesson credit is shared among the domains a lesson splits its hours across. A whole credit gives each domain
/// its part exactly; a partial credit (part of a live session attended) tops up each domain in proportion to what it
/// still misses, in hundredths of an hour, so the shares always add up to the credit and no domain passes its part.
/// </summary>
public static class DomainSplit
{
    public static IReadOnlyList<DomainShare> Allocate(decimal hours, IReadOnlyList<DomainShare> parts, IReadOnlyDictionary<string, decimal> held)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(held);
        if (hours <= 0 || parts.Count == 0) return [];
        var missing = parts.Select(p => Math.Max(0, p.Hours - held.GetValueOrDefault(p.Domain))).ToArray();
        var totalMissing = missing.Sum();
        if (totalMissing <= 0) return [];
        hours = Math.Min(hours, totalMissing);
        var shares = missing.Select(m => Math.Floor(hours * m / totalMissing * 100) / 100).ToArray();
        // What flooring left over goes, a hundredth at a time, to the parts in order that still have room.
        var left = hours - shares.Sum();
        for (var i = 0; left > 0 && i < shares.Length; i++)
        {
            var add = Math.Min(left, missing[i] - shares[i]);
            shares[i] += add;
            left -= add;
        }
        return parts.Select((p, i) => new DomainShare(p.Domain, shares[i])).Where(s => s.Hours > 0).ToList();
    }
}
