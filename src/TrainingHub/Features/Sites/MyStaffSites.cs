using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;

namespace TrainingHub.Features.Sites;

/// <summary>The sites whose people the person may see (as supervisor, coordinator or institute admin).</summary>
public static class MyStaffSites
{
    public sealed record Query(string ActorId) : IQuery<IReadOnlyList<Site>>;

    public sealed record Site(Guid Id, string Name, string State);

    public sealed class Handler(TrainingHubDb db, SiteScope scope) : IQueryHandler<Query, IReadOnlyList<Site>>
    {
        public async ValueTask<IReadOnlyList<Site>> Handle(Query query, CancellationToken ct)
        {
            var ids = await scope.SitesAsync(query.ActorId, SiteScope.StaffRoles, ct);
            return await db.Sites.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Name)
                .Select(s => new Site(s.Id, s.Name, s.State)).ToListAsync(ct);
        }
    }
}
