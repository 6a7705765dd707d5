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
    private readonly Dictionary<Guid, Guid> _cohortOfEnrollment;
    private readonly Dictionary<Guid, Guid> _siteOfCohort;
    private readonly ILookup<string, (Guid SiteId, DateTime Since)> _traineeAt;

    private RecordSites(Dictionary<Guid, Guid> cohortOfEnrollment, Dictionary<Guid, Guid> siteOfCohort, ILookup<string, (Guid, DateTime)> traineeAt)
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
            .Select(c => new { c.Id, c.SiteId }).ToDictionaryAsync(c => c.Id, c => c.SiteId, ct);
        var traineeAt = (await db.SiteMemberships.AsNoTracking().Where(m => m.Role == Roles.Trainee && sites.Contains(m.SiteId))
            .Select(m => new { m.PersonId, m.SiteId, m.CreatedAt }).ToListAsync(ct))
            .ToLookup(m => m.PersonId, m => (m.SiteId, m.CreatedAt), StringComparer.Ordinal);
        return new RecordSites(cohortOfEnrollment, siteOfCohort, traineeAt);
    }

    /// <summary>The sites (of those loaded) the entry belongs to: none, one, or for a cohort-less course possibly several.</summary>
    public IEnumerable<Guid> Of(Guid enrollmentId, string personId, DateTime recordedAt)
    {
        if (_cohortOfEnrollment.TryGetValue(enrollmentId, out var cohort))
        {
            return _siteOfCohort.TryGetValue(cohort, out var site) ? [site] : [];
        }
        return _traineeAt[personId].Where(m => m.Since <= recordedAt).Select(m => m.SiteId).Distinct();
    }
}
