using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Certificates.Badges;

/// <summary>A certificate's Open Badges 3.0 credential, signed as a VC-JWT with the current key (ADR 0017).</summary>
public sealed class CertificateCredential(TrainingHubDb db, CertificateSnapshot snapshot, InstituteSigningKeys keys)
{
    /// <summary>The unsigned credential JSON.</summary>
    public async Task<string> BuildAsync(Certificate certificate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        // The holder's address today: the badge names them by its salted hash, so a board that knows the address can check it.
        var email = await db.Users.AsNoTracking().Where(u => u.Id == certificate.PersonId).Select(u => u.Email).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Certificate {certificate.Id} belongs to no account.");
        return CertificateBadge.Build(snapshot.Badge(certificate, email));
    }

    public async Task<string> SignAsync(Certificate certificate, CancellationToken ct) => keys.Current.Sign(await BuildAsync(certificate, ct));
}
