using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sessions;

/// <summary>Who may run a cohort: its facilitator, a coordinator of its site, or an institute admin.</summary>
public sealed class CohortAccess(TrainingHubDb db, SiteScope scope)
{
    public async Task<Cohort> RequireCohortAsync(string actorId, Guid cohortId, CancellationToken ct)
    {
        var cohort = await db.Cohorts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cohortId, ct)
            ?? throw new NotFoundException("There is no such cohort.");
        if (cohort.FacilitatorId == actorId) return cohort;
        var sites = await scope.SitesAsync(actorId, [Roles.SiteCoordinator], ct);
        if (sites.Contains(cohort.SiteId)) return cohort;
        throw new ForbiddenException("You can only run your own cohorts.");
    }

    public async Task RequireForPersonAsync(string actorId, Enrollment enrollment, CancellationToken ct)
    {
        if (enrollment.CohortId is { } cohortId)
        {
            await RequireCohortAsync(actorId, cohortId, ct);
            return;
        }
        var sites = await scope.SitesAsync(actorId, [Roles.SiteCoordinator], ct);
        var personSites = await db.SiteMemberships.AsNoTracking().Where(m => m.PersonId == enrollment.PersonId && m.Role == Roles.Trainee).Select(m => m.SiteId).ToListAsync(ct);
        if (!personSites.Any(sites.Contains) && !await scope.IsInstituteAdminAsync(actorId, ct))
        {
            throw new ForbiddenException("You can only act for the people of your own cohorts or site.");
        }
    }

    /// <summary>The cohorts the person runs: as their facilitator, or every cohort of a site they coordinate.</summary>
    public async Task<IReadOnlyList<Cohort>> MyCohortsAsync(string actorId, CancellationToken ct)
    {
        var sites = await scope.SitesAsync(actorId, [Roles.SiteCoordinator], ct);
        return await db.Cohorts.AsNoTracking().Where(c => c.FacilitatorId == actorId || sites.Contains(c.SiteId))
            .OrderBy(c => c.StartsOn).ToListAsync(ct);
    }
}
