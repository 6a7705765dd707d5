using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.SignOffs;

/// <summary>
/// Where hours entries belong, among some sites, worked out in memory for many entries at once: the rule of
/// <see cref="SupervisorRules.HoursAt"/> (an entry of a cohort belongs to the cohort's site; one of a course taken without a
/// cohort to each site where its person was already a trainee when it was recorded). The queues and reports read many
/// entries; joined to enrolments, cohorts and memberships in one statement, SQLite's planner walks every cohort-less
/// enrolment's ledger (seconds at a million rows), so the entries are read alone and matched here. A test holds this to
/// <see cref="SupervisorRules.HoursAt"/>.
/// </summary>
public sealed class RecordSites
{
    private static readonly Guid[] None = [];
    private readonly Dictionary<Guid, Guid> _cohortOfEnrollment;
    /// <summary>Each cohort's site as a one-element array, made once, so placing a hundred thousand entries allocates nothing.</summary>
    private readonly Dictionary<Guid, Guid[]> _siteOfCohort;
    private readonly Dictionary<string, Membership> _traineeAt;

    /// <summary>A person's trainee memberships among the sites, and every one of those sites, once (what most entries get).</summary>
    private sealed record Membership((Guid SiteId, DateTime Since)[] Sites, Guid[] All, DateTime LatestSince);

    private RecordSites(Dictionary<Guid, Guid> cohortOfEnrollment, Dictionary<Guid, Guid[]> siteOfCohort, Dictionary<string, Membership> traineeAt)
    {
        _cohortOfEnrollment = cohortOfEnrollment;
        _siteOfCohort = siteOfCohort;
        _traineeAt = traineeAt;
    }

    /// <summary>Reads the cohort enrolments, the sites' cohorts and the sites' trainee memberships: rows per person, not per entry.</summary>
    public static async Task<RecordSites> LoadAsync(TrainingHubDb db, IReadOnlyCollection<Guid> sites, CancellationToken ct)
    {
        var cohortOfEnrollment = await db.Enrollments.AsNoTracking().Where(e => e.CohortId != null)
            .Select(e => new { e.Id, CohortId = e.CohortId!.Value }).ToDictionaryAsync(e => e.Id, e => e.CohortId, ct);
        var siteOfCohort = await db.Cohorts.AsNoTracking().Where(c => sites.Contains(c.SiteId))
            .Select(c => new { c.Id, c.SiteId }).ToDictionaryAsync(c => c.Id, c => new[] { c.SiteId }, ct);
        var traineeAt = (await db.SiteMemberships.AsNoTracking().Where(m => m.Role == Roles.Trainee && sites.Contains(m.SiteId))
            .Select(m => new { m.PersonId, m.SiteId, m.CreatedAt }).ToListAsync(ct))
            .GroupBy(m => m.PersonId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                var at = g.Select(m => (m.SiteId, Since: m.CreatedAt)).ToArray();
                return new Membership(at, at.Select(m => m.SiteId).Distinct().ToArray(), at.Max(m => m.Since));
            }, StringComparer.Ordinal);
        return new RecordSites(cohortOfEnrollment, siteOfCohort, traineeAt);
    }

    /// <summary>The sites (of those loaded) the entry belongs to: none, one, or for a cohort-less course possibly several, each once.</summary>
    public IReadOnlyList<Guid> Of(Guid enrollmentId, string personId, DateTime recordedAt)
    {
        if (_cohortOfEnrollment.TryGetValue(enrollmentId, out var cohort))
        {
            return _siteOfCohort.TryGetValue(cohort, out var site) ? site : None;
        }
        if (!_traineeAt.TryGetValue(personId, out var m)) return None;
        // Recorded after the person joined each of their sites (nearly every entry): all of them, without a new list.
        if (m.LatestSince <= recordedAt) return m.All;
        return m.Sites.Where(s => s.Since <= recordedAt).Select(s => s.SiteId).Distinct().ToArray();
    }
}
