using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Certificates;
using TrainingHub.Content;
using TrainingHub.Data;

namespace TrainingHub.Features.CertificateIssuance;

public enum CertificateState { Valid, Revoked, Superseded }

public static class MyCertificates
{
    public sealed record Query(string PersonId) : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string Code, string CourseTitle, decimal Hours, DateOnly CompletedOn, CertificateState State, string? RevokedReason);

    public sealed class Handler(TrainingHubDb db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var certificates = await db.Certificates.AsNoTracking().Where(c => c.PersonId == query.PersonId).OrderByDescending(c => c.IssuedAt).ToListAsync(ct);
            var ids = certificates.Select(c => c.Id).ToList();
            var revoked = await db.CertificateRevocations.AsNoTracking().Where(r => ids.Contains(r.CertificateId)).ToDictionaryAsync(r => r.CertificateId, r => r.Reason, ct);
            var superseded = certificates.Where(c => c.SupersedesId is not null).Select(c => c.SupersedesId!.Value).ToHashSet();
            return certificates.Select(c => new Item(c.Id, c.Code, c.CourseTitle, c.Hours, c.CompletedOn,
                revoked.ContainsKey(c.Id) ? CertificateState.Revoked : superseded.Contains(c.Id) ? CertificateState.Superseded : CertificateState.Valid,
                revoked.GetValueOrDefault(c.Id))).ToList();
        }
    }
}

/// <summary>The person's own certificate as a PDF or as a signed Open Badges 3.0 credential (VC-JWT).</summary>
public static class GetCertificateFile
{
    public enum Format { Pdf, OpenBadge }

    public sealed record Query(string PersonId, Guid CertificateId, Format As) : IQuery<Result>;

    public sealed record Result(byte[] Content, string ContentType, string FileName);

    public sealed class Handler(TrainingHubDb db, CertificateSnapshot snapshot, InstituteSigningKey key, CourseCatalog catalog) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var c = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.CertificateId && x.PersonId == query.PersonId, ct)
                ?? throw new NotFoundException("There is no such certificate in your record.");
            if (query.As == Format.Pdf)
            {
                return new Result(CertificatePdf.Render(snapshot.Content(c)), "application/pdf", $"certificate-{c.CourseId}-{c.Code}.pdf");
            }
            var credential = OpenBadgeCredential.Build(snapshot.Badge(c, catalog.Find(c.CourseId)?.Summary ?? c.CourseTitle));
            return new Result(System.Text.Encoding.ASCII.GetBytes(key.Sign(credential)), "application/vc+jwt", $"badge-{c.CourseId}-{c.Code}.jwt");
        }
    }
}
