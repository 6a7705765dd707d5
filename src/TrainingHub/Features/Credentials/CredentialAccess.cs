using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Credentials;

/// <summary>
/// Whose credential progress a person may see: their own; a trainee of a site where they are a supervisor or
/// coordinator; anyone, for an institute admin. Decided through <see cref="SiteScope"/>, never around it.
/// </summary>
public sealed class CredentialAccess(TrainingHubDb db, SiteScope scope)
{
    public const string NotYourTrainee = "You can only see the credentials of your own site's trainees.";

    /// <summary>
    /// Throws unless <paramref name="actorId"/> may see <paramref name="personId"/>'s credentials. With a site (a site
    /// page's address), the person must be a trainee of that site and the actor staff there.
    /// </summary>
    public async Task RequireMayViewAsync(string actorId, string personId, Guid? siteId, CancellationToken ct)
    {
        if (siteId is { } site)
        {
            await scope.RequireAsync(actorId, site, SiteScope.StaffRoles, ct);
            await RequirePersonAsync(personId, ct);
            if (!await db.SiteMemberships.AsNoTracking().AnyAsync(m => m.PersonId == personId && m.SiteId == site && m.Role == Roles.Trainee, ct))
            {
                throw new ForbiddenException(NotYourTrainee);
            }
            return;
        }
        if (actorId == personId) return;
        await RequirePersonAsync(personId, ct);
        if (await scope.IsInstituteAdminAsync(actorId, ct)) return;
        var sites = await scope.SitesAsync(actorId, SiteScope.StaffRoles, ct);
        if (!await db.SiteMemberships.AsNoTracking().AnyAsync(m => m.PersonId == personId && m.Role == Roles.Trainee && sites.Contains(m.SiteId), ct))
        {
            throw new ForbiddenException(NotYourTrainee);
        }
    }

    /// <summary>
    /// Whose records a view shows: the whole record for the person themself and for the institute's own pages (no site);
    /// on a site's page, only what belongs to that site (ADR 0012), even when the person belongs to other sites too.
    /// </summary>
    public static Guid? OnlySite(string actorId, string personId, Guid? siteId) => actorId == personId ? null : siteId;

    private async Task RequirePersonAsync(string personId, CancellationToken ct)
    {
        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == personId, ct)) throw new NotFoundException("There is no such person.");
    }
}
