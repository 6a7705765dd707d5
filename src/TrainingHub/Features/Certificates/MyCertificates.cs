using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;

namespace TrainingHub.Features.Certificates;

public enum CertificateState { Valid, Revoked, Superseded }

public static class MyCertificates
{
    public sealed record Query(string PersonId) : IQuery<IReadOnlyList<Item>>;

    /// <param name="VerificationUrl">The address anyone can open to check it (for a profile's "credential URL").</param>
    public sealed record Item(Guid Id, string Code, string CourseTitle, decimal Hours, DateOnly CompletedOn, CertificateState State, string? RevokedReason,
        Uri? VerificationUrl = null, bool Replaced = false);

    public sealed class Handler(TrainingHubDb db, CertificateSnapshot snapshot) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var certificates = await db.Certificates.AsNoTracking().Where(c => c.PersonId == query.PersonId).OrderByDescending(c => c.IssuedAt).ToListAsync(ct);
            var ids = certificates.Select(c => c.Id).ToList();
            var revoked = await db.CertificateRevocations.AsNoTracking().Where(r => ids.Contains(r.CertificateId)).ToDictionaryAsync(r => r.CertificateId, r => r.Reason, ct);
            var superseded = certificates.Where(c => c.SupersedesId is not null).Select(c => c.SupersedesId!.Value).ToHashSet();
            return certificates.Select(c => new Item(c.Id, c.Code, c.CourseTitle, c.Hours, c.CompletedOn,
                revoked.ContainsKey(c.Id) ? CertificateState.Revoked : superseded.Contains(c.Id) ? CertificateState.Superseded : CertificateState.Valid,
                revoked.GetValueOrDefault(c.Id), snapshot.VerificationUrl(c.Code), superseded.Contains(c.Id))).ToList();
        }
    }
}
