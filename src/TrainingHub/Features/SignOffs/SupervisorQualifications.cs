using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.SignOffs;

/// <summary>For institute admins: every supervisor's qualification in force, and the changes that wait for confirmation.</summary>
public static class SupervisorQualifications
{
    public sealed record Query(string AdminId) : IQuery<IReadOnlyList<Item>>, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin can confirm supervisors' qualifications.";
    }

    public sealed record Item(string PersonId, string FullName, string? Email, string? CredentialHeld, int? Years, DateTime? ConfirmedAt, string? ConfirmedByName,
        string? PendingCredentialHeld, int? PendingYears, DateTime? PendingSince);

    public sealed class Handler(TrainingHubDb db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct) =>
            await (from p in db.SupervisorProfiles.AsNoTracking()
                   join u in db.Users.AsNoTracking() on p.PersonId equals u.Id
                   orderby p.PendingSince == null, u.FullName
                   select new Item(p.PersonId, u.FullName, u.Email,
                       p.ConfirmedAt == null ? null : p.CredentialHeld, p.ConfirmedAt == null ? null : p.YearsSupervisingPeers, p.ConfirmedAt,
                       db.Users.Where(a => a.Id == p.ConfirmedById).Select(a => a.FullName).FirstOrDefault(),
                       p.PendingCredentialHeld, p.PendingYearsSupervisingPeers, p.PendingSince)).ToListAsync(ct);
    }
}
