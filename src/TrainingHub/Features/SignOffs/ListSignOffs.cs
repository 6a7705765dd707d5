using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.SignOffs;

/// <summary>For institute admins: recent sign-offs, who made them, what they covered and whether they were revoked.</summary>
public static class ListSignOffs
{
    public sealed record Query(string AdminId) : IQuery<IReadOnlyList<Item>>, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin can see every sign-off.";
    }

    public sealed record Item(Guid Id, DateTime SignedAt, string SupervisorName, string SiteName, SignOffDecision Decision, int Items, decimal Hours,
        string? Reason, string TypedName, string? IpAddress, string? RevokedReason, IReadOnlyList<string> TraineeNames);

    public sealed class Handler(TrainingHubDb db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var rows = await (from s in db.SignOffs.AsNoTracking()
                              join u in db.Users.AsNoTracking() on s.SupervisorId equals u.Id
                              join site in db.Sites.AsNoTracking() on s.SiteId equals site.Id
                              orderby s.SignedAt descending
                              select new { s, u.FullName, SiteName = site.Name }).Take(200).ToListAsync(ct);
            var ids = rows.Select(r => r.s.Id).ToList();
            var items = await db.SignOffItems.AsNoTracking().Where(i => ids.Contains(i.SignOffId)).ToListAsync(ct);
            var personIds = items.Select(i => i.PersonId).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => personIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
            var revoked = await db.SignOffRevocations.AsNoTracking().Where(r => ids.Contains(r.SignOffId)).ToDictionaryAsync(r => r.SignOffId, r => r.Reason, ct);
            return rows.Select(r => new Item(r.s.Id, r.s.SignedAt, r.FullName, r.SiteName, r.s.Decision,
                items.Count(i => i.SignOffId == r.s.Id), items.Where(i => i.SignOffId == r.s.Id).Sum(i => i.Hours),
                r.s.Reason, r.s.TypedName, r.s.IpAddress, revoked.GetValueOrDefault(r.s.Id),
                items.Where(i => i.SignOffId == r.s.Id).Select(i => names.GetValueOrDefault(i.PersonId, "a removed account")).Distinct().Order(StringComparer.CurrentCulture).ToList())).ToList();
        }
    }
}
