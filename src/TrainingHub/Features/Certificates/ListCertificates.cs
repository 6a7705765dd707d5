using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Certificates;

public static class ListCertificates
{
    public sealed record Query(string AdminId) : IQuery<IReadOnlyList<Item>>, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin manages certificates.";
    }

    public sealed record Item(Guid Id, string Code, string TraineeName, string CourseTitle, decimal Hours, DateOnly CompletedOn, DateTime IssuedAt,
        CertificateState State, string? RevokedReason);

    public sealed class Handler(TrainingHubDb db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var certificates = await db.Certificates.AsNoTracking().OrderByDescending(c => c.IssuedAt).Take(500).ToListAsync(ct);
            var revoked = await db.CertificateRevocations.AsNoTracking().ToDictionaryAsync(r => r.CertificateId, r => r.Reason, ct);
            var superseded = await db.Certificates.AsNoTracking().Where(c => c.SupersedesId != null).Select(c => c.SupersedesId!.Value).ToListAsync(ct);
            return certificates.Select(c => new Item(c.Id, c.Code, c.TraineeName, c.CourseTitle, c.Hours, c.CompletedOn, c.IssuedAt,
                revoked.ContainsKey(c.Id) ? CertificateState.Revoked : superseded.Contains(c.Id) ? CertificateState.Superseded : CertificateState.Valid,
                revoked.GetValueOrDefault(c.Id))).ToList();
        }
    }
}
