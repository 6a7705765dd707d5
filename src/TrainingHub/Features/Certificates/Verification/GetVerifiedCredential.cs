using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Features.Certificates.Badges;

namespace TrainingHub.Features.Certificates.Verification;

/// <summary>
/// The credential behind a verification code, for a machine that asked /verify/{code} for it (OB 3.0's "web resource"
/// form): the signed VC-JWT, or the credential JSON with its Data Integrity proof (ADR 0017). Revoked and replaced certificates are served too; their status list
/// entry and the JSON answer say so. Null for a code no certificate has.
/// </summary>
public static class GetVerifiedCredential
{
    public enum Form { Jwt, Json }

    public sealed record Query(string? Code, Form As) : IQuery<string?>;

    public sealed class Handler(TrainingHubDb db, CertificateCredential credentials) : IQueryHandler<Query, string?>
    {
        public async ValueTask<string?> Handle(Query query, CancellationToken ct)
        {
            var code = VerificationCode.Normalize(query.Code);
            if (code is null) return null;
            var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, ct);
            if (certificate is null) return null;
            return query.As == Form.Jwt ? await credentials.SignAsync(certificate, ct) : await credentials.SecureAsync(certificate, ct);
        }
    }
}
