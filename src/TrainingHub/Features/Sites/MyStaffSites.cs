using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites;

/// <summary>The sites whose people the person may see (as supervisor, coordinator or institute admin).</summary>
public static class MyStaffSites
{
    public sealed record Query(string ActorId) : IQuery<IReadOnlyList<Site>>;

    /// <param name="Coordinates">The person coordinates the site (or is an institute admin): they may set it up and run its cohorts.</param>
    /// <param name="GroupRequestsWaiting">Trainees asking to join a group, for a coordinator to answer; 0 for anyone else.</param>
    public sealed record Site(Guid Id, string Name, string State, SiteStatus Status = SiteStatus.Active, bool Coordinates = false, int GroupRequestsWaiting = 0);

    public sealed class Handler(TrainingHubDb db, SiteScope scope) : IQueryHandler<Query, IReadOnlyList<Site>>
    {
        public async ValueTask<IReadOnlyList<Site>> Handle(Query query, CancellationToken ct)
        {
            var ids = await scope.SitesAsync(query.ActorId, SiteScope.StaffRoles, ct);
            var coordinated = await scope.SitesAsync(query.ActorId, SiteScope.CoordinatorRoles, ct);
            var sites = await db.Sites.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Name)
                .Select(s => new { s.Id, s.Name, s.State, s.Status }).ToListAsync(ct);
            var waiting = await db.GroupRequests.AsNoTracking().Where(r => coordinated.Contains(r.SiteId) && r.Status == GroupRequestStatus.Waiting)
                .GroupBy(r => r.SiteId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            return sites.Select(s => new Site(s.Id, s.Name, s.State, s.Status, coordinated.Contains(s.Id), waiting.GetValueOrDefault(s.Id))).ToList();
        }
    }
}
