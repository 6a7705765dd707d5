using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.SignOffs;

/// <summary>Who may sign off whose hours: a qualified supervisor, for people of a site where they hold the Supervisor role, never themselves.</summary>
public sealed class SupervisorRules(TrainingHubDb db, IOptions<SignOffOptions> options)
{
    /// <summary>Sites where the person is a supervisor by membership (an institute admin is not a supervisor by that alone).</summary>
    public async Task<IReadOnlyList<Guid>> SupervisedSitesAsync(string personId, CancellationToken ct) =>
        await db.SiteMemberships.AsNoTracking().Where(m => m.PersonId == personId && m.Role == Roles.Supervisor)
            .Select(m => m.SiteId).Distinct().ToListAsync(ct);

    /// <summary>People who are trainees at the given sites.</summary>
    public IQueryable<string> TraineesAt(IReadOnlyCollection<Guid> sites) =>
        db.SiteMemberships.AsNoTracking().Where(m => sites.Contains(m.SiteId) && m.Role == Roles.Trainee).Select(m => m.PersonId);

    public async Task RequireQualifiedAsync(string supervisorId, CancellationToken ct)
    {
        var minimum = options.Value.MinimumYearsSupervising;
        if (minimum == 0) return;
        var years = await db.SupervisorProfiles.AsNoTracking().Where(p => p.PersonId == supervisorId).Select(p => (int?)p.YearsSupervisingPeers).SingleOrDefaultAsync(ct);
        if (years is null || years < minimum)
        {
            throw new ForbiddenException($"The institute asks for at least {minimum} years supervising peers before signing off hours. " +
                "Update your qualifications on your supervisor profile, or ask the institute.");
        }
    }

    /// <summary>The site where <paramref name="traineeId"/> is a trainee and <paramref name="supervisorId"/> supervises, or a refusal.</summary>
    public async Task<Guid> RequireSupervisesAsync(string supervisorId, string traineeId, CancellationToken ct)
    {
        if (supervisorId == traineeId) throw new ForbiddenException("You cannot sign off your own hours.");
        var sites = await SupervisedSitesAsync(supervisorId, ct);
        if (sites.Count == 0) throw new ForbiddenException("Only a supervisor of a site can sign off hours.");
        var site = await db.SiteMemberships.AsNoTracking()
            .Where(m => m.PersonId == traineeId && m.Role == Roles.Trainee && sites.Contains(m.SiteId))
            .Select(m => (Guid?)m.SiteId).FirstOrDefaultAsync(ct);
        return site ?? throw new ForbiddenException("You can only sign off hours of your own site's trainees.");
    }
}
