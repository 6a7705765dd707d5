using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace TrainingHub.Features.Certificates.Badges;

/// <summary>What an Open Badges 3.0 credential says about one completed course.</summary>
/// <param name="CredentialId">The credential's own address, for example the certificate's verification URL.</param>
/// <param name="IssuerId">The institute's profile address.</param>
/// <param name="AchievementId">The course's address, the same for every trainee who completes it.</param>
/// <param name="RecipientSalt">Salt for the hashed name; null for one derived from the credential id, so building the same
/// credential twice gives the same JSON. The salt is published in the credential either way.</param>
public sealed record CertificateBadgeDetails(
    Uri CredentialId,
    Uri IssuerId,
    string IssuerName,
    Uri AchievementId,
    string CourseTitle,
    string CourseDescription,
    string CriteriaNarrative,
    decimal CourseHours,
    string TraineeFullName,
    DateTimeOffset ValidFrom,
    StatusListEntry Status,
    string? RecipientSalt = null);

/// <summary>
/// Builds the Open Badges 3.0 <c>CertificateBadge</c> (a W3C Verifiable Credential, data model 2.0) for a
/// certificate. The trainee is named only by a salted hash: a board holding the certificate can check the name, but
/// the badge alone does not tell a stranger who trained as a recovery coach.
/// </summary>
public static class CertificateBadge
{
    public const string CredentialsContext = "https://www.w3.org/ns/credentials/v2";
    public const string OpenBadgesContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    public static string Build(CertificateBadgeDetails details) => BuildObject(details).ToJsonString();

    public static JsonObject BuildObject(CertificateBadgeDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.IssuerName);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.CourseTitle);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.TraineeFullName);
        ArgumentNullException.ThrowIfNull(details.Status);

        var salt = details.RecipientSalt
            ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("recipient-salt " + details.CredentialId.AbsoluteUri)))[..32];
        var nameHash = SHA256.HashData(Encoding.UTF8.GetBytes(details.TraineeFullName.Trim() + salt));

        return new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsContext, OpenBadgesContext),
            ["id"] = details.CredentialId.AbsoluteUri,
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = details.CourseTitle,
            ["issuer"] = new JsonObject
            {
                ["id"] = details.IssuerId.AbsoluteUri,
                ["type"] = new JsonArray("Profile"),
                ["name"] = details.IssuerName,
            },
            ["validFrom"] = Timestamp(details.ValidFrom),
            ["credentialSubject"] = new JsonObject
            {
                ["type"] = new JsonArray("AchievementSubject"),
                ["identifier"] = new JsonArray(new JsonObject
                {
                    ["type"] = "IdentityObject",
                    ["identityHash"] = "sha256$" + Convert.ToHexStringLower(nameHash),
                    ["identityType"] = "name",
                    ["hashed"] = true,
                    ["salt"] = salt,
                }),
                ["creditsEarned"] = details.CourseHours,
                ["achievement"] = new JsonObject
                {
                    ["id"] = details.AchievementId.AbsoluteUri,
                    ["type"] = new JsonArray("Achievement"),
                    ["achievementType"] = "CertificateOfCompletion",
                    ["name"] = details.CourseTitle,
                    ["description"] = details.CourseDescription,
                    ["criteria"] = new JsonObject { ["narrative"] = details.CriteriaNarrative },
                    ["creditsAvailable"] = details.CourseHours,
                },
            },
            ["credentialStatus"] = details.Status.ToJson(),
        };
    }

    internal static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
