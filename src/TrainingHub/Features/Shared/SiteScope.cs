using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Shared;

/// <summary>
/// The one place that decides which sites a person may see. A supervisor, facilitator or coordinator sees only the
/// sites where they hold that role; an institute admin sees every site; everyone else (a trainee) sees none.
/// Every handler that takes a site or cohort id from a URL checks it here, and so does the web's route guard.
/// </summary>
public sealed class SiteScope(TrainingHubDb db)
{
    public static readonly string[] StaffRoles = [Roles.Supervisor, Roles.SiteCoordinator];

    public static readonly string[] CoordinatorRoles = [Roles.SiteCoordinator];

    /// <summary>Roles that open any of a site's pages. A trainee holds none of them: they see only their own records.</summary>
    public static readonly string[] SitePageRoles = [Roles.Supervisor, Roles.SiteCoordinator, Roles.Facilitator];

    public const string NotYourSite = "You can only open the pages of your own site.";

    public async Task<bool> IsInstituteAdminAsync(string personId, CancellationToken ct) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               where ur.UserId == personId && r.Name == Roles.InstituteAdmin
               select ur).AnyAsync(ct);


    /// <summary>The sites where the person holds one of <paramref name="roles"/>; every site for an institute admin.</summary>
    public async Task<IReadOnlyList<Guid>> SitesAsync(string personId, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        if (await IsInstituteAdminAsync(personId, ct))
        {
            return await db.Sites.AsNoTracking().Select(s => s.Id).ToListAsync(ct);
        }
        return await db.SiteMemberships.AsNoTracking()
            .Where(m => m.PersonId == personId && roles.Contains(m.Role))
            .Select(m => m.SiteId).Distinct().ToListAsync(ct);
    }

    public async Task<bool> MayActAtAsync(string personId, Guid siteId, IReadOnlyCollection<string> roles, CancellationToken ct) =>
        await db.SiteMemberships.AsNoTracking().AnyAsync(m => m.PersonId == personId && m.SiteId == siteId && roles.Contains(m.Role), ct)
        || await IsInstituteAdminAsync(personId, ct);

    /// <summary>Throws <see cref="ForbiddenException"/> unless the person may act at the site in one of the roles.</summary>
    public async Task RequireAsync(string personId, Guid siteId, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        if (!await MayActAtAsync(personId, siteId, roles, ct)) throw new ForbiddenException("You can only see the people of your own site.");
    }

    /// <summary>
    /// The site, when the person may act there in one of the roles: <see cref="NotFoundException"/> for a site that does
    /// not exist, <see cref="ForbiddenException"/> for someone else's.
    /// </summary>
    public async Task<Site> RequireSiteAsync(string personId, Guid siteId, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, ct)
            ?? throw new NotFoundException("There is no such site.");
        if (!await MayActAtAsync(personId, siteId, roles, ct)) throw new ForbiddenException(NotYourSite);
        return site;
    }

    /// <summary>The cohort, when it belongs to the site and the person may act at the site; a cohort of another site is not found.</summary>
    public async Task<(Site Site, Cohort Cohort)> RequireCohortAsync(string personId, Guid siteId, Guid cohortId, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var site = await RequireSiteAsync(personId, siteId, roles, ct);
        var cohort = await db.Cohorts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cohortId && c.SiteId == siteId, ct)
            ?? throw new NotFoundException("This site has no such cohort.");
        return (site, cohort);
    }

    /// <summary>
    /// Checks the ids of a site page's address before any handler runs: the site exists and is the person's (in any
    /// role but trainee), and the cohort, when there is one, belongs to it.
    /// </summary>
    public async Task RequireRouteAsync(string personId, Guid siteId, Guid? cohortId, CancellationToken ct)
    {
        if (cohortId is { } id) await RequireCohortAsync(personId, siteId, id, SitePageRoles, ct);
        else await RequireSiteAsync(personId, siteId, SitePageRoles, ct);
    }
}
