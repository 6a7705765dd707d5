using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates.Badges.DataIntegrity;

namespace TrainingHub.Features.Certificates.Badges;

/// <summary>
/// A certificate's Open Badges 3.0 credential, signed with the current key generation (ADR 0017): as a VC-JWT (ES256,
/// issuer the institute's profile address) or as JSON with a Data Integrity <c>eddsa-rdfc-2022</c> proof (issuer the
/// generation's <c>did:key</c>, the form DCC wallets and verifier-core accept).
/// </summary>
public sealed class CertificateCredential(TrainingHubDb db, CertificateSnapshot snapshot, InstituteSigningKeys keys, TimeProvider clock)
{
    /// <summary>The unsigned credential JSON.</summary>
    public async Task<string> BuildAsync(Certificate certificate, CancellationToken ct) => (await BuildObjectAsync(certificate, ct)).ToJsonString();

    public async Task<string> SignAsync(Certificate certificate, CancellationToken ct) => keys.Current.Sign(await BuildAsync(certificate, ct));

    /// <summary>
    /// The credential JSON with a Data Integrity proof by the current generation's Ed25519 key, made now. The issuer's id
    /// is that key's <c>did:key</c> (a verifier checks that the proof's key belongs to the issuer); the issuer's <c>url</c>
    /// stays the institute's address. Throws <see cref="JsonLdException"/> if the credential says anything its contexts
    /// do not define, so nothing unsigned is ever served as signed.
    /// </summary>
    public async Task<string> SecureAsync(Certificate certificate, CancellationToken ct)
    {
        var credential = await BuildObjectAsync(certificate, ct);
        var key = keys.Current.DataIntegrityKey;
        credential["issuer"]!["id"] = key.Did;
        return EddsaRdfc2022.Sign(credential, key, clock.GetUtcNow()).ToJsonString();
    }

    private async Task<JsonObject> BuildObjectAsync(Certificate certificate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        // The holder's address today: the badge names them by its salted hash, so a board that knows the address can check it.
        var email = await db.Users.AsNoTracking().Where(u => u.Id == certificate.PersonId).Select(u => u.Email).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Certificate {certificate.Id} belongs to no account.");
        return CertificateBadge.BuildObject(snapshot.Badge(certificate, email));
    }
}
