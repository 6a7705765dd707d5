using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Sites;

/// <summary>
/// The one place that decides which sites a person may see. A supervisor or coordinator sees only the sites where
/// they hold that role; an institute admin sees every site; everyone else sees none.
/// </summary>
public sealed class SiteScope(TrainingHubDb db)
{
    public static readonly string[] StaffRoles = [Roles.Supervisor, Roles.SiteCoordinator];

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

    /// <summary>Throws <see cref="ForbiddenException"/> unless the person may act at the site in one of the roles.</summary>
    public async Task RequireAsync(string personId, Guid siteId, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var sites = await SitesAsync(personId, roles, ct);
        if (!sites.Contains(siteId)) throw new ForbiddenException("You can only see the people of your own site.");
    }
}
