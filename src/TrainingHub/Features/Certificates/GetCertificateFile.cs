using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Features.Shared;
using TrainingHub.PdfLayout;

namespace TrainingHub.Features.Certificates;

/// <summary>The person's own certificate as a PDF or as a signed Open Badges 3.0 credential (VC-JWT).</summary>
public static class GetCertificateFile
{
    public enum Format { Pdf, OpenBadge }

    public sealed record Query(string PersonId, Guid CertificateId, Format As) : IQuery<Result>;

    public sealed record Result(byte[] Content, string ContentType, string FileName);

    public sealed class Handler(TrainingHubDb db, CertificateSnapshot snapshot, CertificateCredential credentials) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var c = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.CertificateId && x.PersonId == query.PersonId, ct)
                ?? throw new NotFoundException("There is no such certificate in your record.");
            if (query.As == Format.Pdf)
            {
                var language = await db.Users.Where(u => u.Id == c.PersonId).Select(u => u.PreferredLanguage).SingleAsync(ct);
                return new Result(CertificatePdf.Render(snapshot.Content(c), Localization.Words.For(language)), "application/pdf", $"certificate-{c.CourseId}-{c.Code}.pdf");
            }
            var jwt = await credentials.SignAsync(c, ct);
            return new Result(System.Text.Encoding.ASCII.GetBytes(jwt), "application/vc+jwt", $"badge-{c.CourseId}-{c.Code}.jwt");
        }
    }
}
