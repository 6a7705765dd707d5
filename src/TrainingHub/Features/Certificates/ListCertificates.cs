using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Certificates;

/// <summary>The institute's certificates, newest first (or one, by id), with whether each still stands and what replaced it.</summary>
public static class ListCertificates
{
    public sealed record Query(string AdminId, Guid? CertificateId = null) : IQuery<IReadOnlyList<Item>>, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin manages certificates.";
    }

    /// <param name="ReplacedByCode">The code of the certificate reissued in its place, if any.</param>
    public sealed record Item(Guid Id, string Code, string TraineeName, string CourseTitle, decimal Hours, DateOnly CompletedOn, DateTime IssuedAt,
        CertificateState State, string? RevokedReason, string? ReplacedByCode = null)
    {
        /// <summary>Whether it may be reissued: once only, whether it stands or was revoked.</summary>
        public bool CanReissue => ReplacedByCode is null;
    }

    public sealed class Handler(TrainingHubDb db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var certificates = db.Certificates.AsNoTracking();
            if (query.CertificateId is { } id) certificates = certificates.Where(c => c.Id == id);
            var list = await certificates.OrderByDescending(c => c.IssuedAt).Take(500).ToListAsync(ct);
            if (query.CertificateId is not null && list.Count == 0) throw new NotFoundException("There is no such certificate.");
            var ids = list.Select(c => c.Id).ToList();
            var revoked = await db.CertificateRevocations.AsNoTracking().Where(r => ids.Contains(r.CertificateId)).ToDictionaryAsync(r => r.CertificateId, r => r.Reason, ct);
            var replacements = await db.Certificates.AsNoTracking().Where(c => c.SupersedesId != null && ids.Contains(c.SupersedesId.Value))
                .ToDictionaryAsync(c => c.SupersedesId!.Value, c => c.Code, ct);
            return list.Select(c => new Item(c.Id, c.Code, c.TraineeName, c.CourseTitle, c.Hours, c.CompletedOn, c.IssuedAt,
                revoked.ContainsKey(c.Id) ? CertificateState.Revoked : replacements.ContainsKey(c.Id) ? CertificateState.Superseded : CertificateState.Valid,
                revoked.GetValueOrDefault(c.Id), replacements.GetValueOrDefault(c.Id))).ToList();
        }
    }
}
