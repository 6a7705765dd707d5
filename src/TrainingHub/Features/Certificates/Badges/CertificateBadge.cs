using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace TrainingHub.Features.Certificates.Badges;

/// <summary>One of the institute's domains a course's hours count toward, with the board domains it maps to.</summary>
/// <param name="Tag">The domain's tag in content/domains.yml.</param>
/// <param name="BoardDomains">Each board's name for this domain, with the page the board's rule comes from.</param>
public sealed record BadgeDomain(string Tag, string Name, string Description, decimal Hours, IReadOnlyList<BoardDomainAlignment> BoardDomains);

/// <param name="Framework">The credential, for example "IC&amp;RC Peer Recovery (PR)".</param>
/// <param name="DomainId">The board domain's id in the rule file, for example "advocacy".</param>
/// <param name="DomainName">The board's own name for the domain, for example "Recovery/Wellness Support".</param>
/// <param name="Source">The board's page the rule file cites.</param>
public sealed record BoardDomainAlignment(string Framework, string DomainId, string DomainName, Uri Source);

/// <summary>What an Open Badges 3.0 credential says about one completed course.</summary>
/// <param name="CredentialId">The credential's own address, the certificate's verification URL (also its evidence).</param>
/// <param name="IssuerId">The institute's profile address.</param>
/// <param name="AchievementId">The course's address, the same for every trainee who completes it.</param>
/// <param name="SubjectId">The holder's stable, opaque id (the JWT <c>sub</c>); it names nobody by itself.</param>
/// <param name="RecipientEmail">The holder's e-mail address, published only as a salted hash.</param>
/// <param name="ProviderNumbers">Board name → the institute's approved-provider number(s) with that board.</param>
/// <param name="RecipientSalt">Salt for the hashed e-mail; null for one derived from the credential id, so building the
/// same credential twice gives the same JSON. The salt is published in the credential either way.</param>
public sealed record CertificateBadgeDetails(
    Uri CredentialId,
    Uri IssuerId,
    string IssuerName,
    Uri AchievementId,
    string CourseTitle,
    string CourseVersion,
    string CourseDescription,
    string CriteriaNarrative,
    decimal CourseHours,
    Uri SubjectId,
    string RecipientEmail,
    DateTimeOffset ValidFrom,
    StatusListEntry Status,
    Uri ImageUrl,
    string DeliveryMode,
    IReadOnlyList<BadgeDomain> Domains,
    IReadOnlyDictionary<string, string> ProviderNumbers,
    string? RecipientSalt = null);

/// <summary>
/// Builds the Open Badges 3.0 <c>OpenBadgeCredential</c> (a W3C Verifiable Credential, data model 2.0) for a
/// certificate. The trainee is named only by a salted hash of their normalized e-mail address (OB 3.0's
/// <c>IdentityObject</c>): a board that knows the address can check it, but the badge alone does not tell a stranger who
/// trained as a recovery coach. Hours are contact hours, so they are results ("ext:ContactHours"), not OB's academic
/// <c>creditsEarned</c>.
/// </summary>
public static class CertificateBadge
{
    public const string CredentialsContext = "https://www.w3.org/ns/credentials/v2";
    public const string OpenBadgesContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public const string ContactHoursType = "ext:ContactHours";
    public const string DeliveryType = "ext:DeliveryMode";

    public static string Build(CertificateBadgeDetails details) => BuildObject(details).ToJsonString();

    /// <summary>OB 3.0's e-mail normalization for hashing: surrounding spaces removed, lower case.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The <c>identityHash</c> for an e-mail address and salt: "sha256$" + hex SHA-256 of normalized address + salt.</summary>
    public static string EmailHash(string email, string salt) =>
        "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeEmail(email) + salt)));

    public static JsonObject BuildObject(CertificateBadgeDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.IssuerName);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.CourseTitle);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.RecipientEmail);
        ArgumentNullException.ThrowIfNull(details.Status);

        var salt = details.RecipientSalt
            ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("recipient-salt " + details.CredentialId.AbsoluteUri)))[..32];
        var achievement = details.AchievementId.AbsoluteUri;
        var hoursId = achievement + "#contact-hours";

        var resultDescriptions = new JsonArray(ResultDescription(hoursId, "Contact hours", ContactHoursType));
        var results = new JsonArray(Result(hoursId, Number(details.CourseHours)));
        foreach (var domain in details.Domains)
        {
            var id = $"{achievement}#contact-hours-{domain.Tag}";
            var description = ResultDescription(id, $"Contact hours in {domain.Name}", ContactHoursType);
            if (Alignments(domain).ToArray() is { Length: > 0 } alignments) description["alignment"] = new JsonArray(alignments);
            resultDescriptions.Add(description);
            results.Add(Result(id, Number(domain.Hours)));
        }
        var deliveryId = achievement + "#delivery";
        resultDescriptions.Add(ResultDescription(deliveryId, "How the training was delivered", DeliveryType));
        results.Add(Result(deliveryId, details.DeliveryMode));

        var issuer = new JsonObject
        {
            ["id"] = details.IssuerId.AbsoluteUri,
            ["type"] = new JsonArray("Profile"),
            ["name"] = details.IssuerName,
            ["url"] = details.IssuerId.AbsoluteUri,
        };
        if (details.ProviderNumbers.Count > 0)
        {
            issuer["otherIdentifier"] = new JsonArray(details.ProviderNumbers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (JsonNode)new JsonObject
            {
                ["type"] = "IdentifierEntry",
                ["identifier"] = $"{p.Key} approved provider {p.Value}",
                ["identifierType"] = "ext:ApprovedProviderNumber",
            }).ToArray());
        }

        var achievementObject = new JsonObject
        {
            ["id"] = achievement,
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = "CertificateOfCompletion",
            ["name"] = details.CourseTitle,
            ["description"] = details.CourseDescription,
            ["criteria"] = new JsonObject { ["narrative"] = details.CriteriaNarrative },
            ["version"] = details.CourseVersion,
            ["image"] = new JsonObject
            {
                ["id"] = details.ImageUrl.AbsoluteUri,
                ["type"] = "Image",
                ["caption"] = $"{details.IssuerName}: {details.CourseTitle}",
            },
            ["resultDescription"] = resultDescriptions,
        };
        // Two of our domains may count toward one board domain (IC&RC counts medication-supported recovery as
        // Recovery/Wellness Support): the achievement names each board domain once.
        var allAlignments = details.Domains.SelectMany(Alignments).DistinctBy(a => ((string?)a["targetFramework"], (string?)a["targetCode"])).ToArray<JsonNode>();
        if (allAlignments.Length > 0) achievementObject["alignment"] = new JsonArray(allAlignments);

        return new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsContext, OpenBadgesContext),
            ["id"] = details.CredentialId.AbsoluteUri,
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = details.CourseTitle,
            ["issuer"] = issuer,
            ["validFrom"] = Timestamp(details.ValidFrom),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = details.SubjectId.AbsoluteUri,
                ["type"] = new JsonArray("AchievementSubject"),
                ["identifier"] = new JsonArray(new JsonObject
                {
                    ["type"] = "IdentityObject",
                    ["identityHash"] = EmailHash(details.RecipientEmail, salt),
                    ["identityType"] = "emailAddress",
                    ["hashed"] = true,
                    ["salt"] = salt,
                }),
                ["achievement"] = achievementObject,
                ["result"] = results,
            },
            ["evidence"] = new JsonArray(new JsonObject
            {
                ["id"] = details.CredentialId.AbsoluteUri,
                ["type"] = new JsonArray("Evidence"),
                ["name"] = "Verification page",
                ["description"] = "The issuer's page that says whether this certificate is valid, revoked or replaced.",
            }),
            ["credentialStatus"] = details.Status.ToJson(),
        };
    }

    private static IEnumerable<JsonObject> Alignments(BadgeDomain domain) => domain.BoardDomains.Select(b => new JsonObject
    {
        ["type"] = new JsonArray("Alignment"),
        ["targetName"] = b.DomainName,
        ["targetDescription"] = domain.Description,
        ["targetFramework"] = b.Framework,
        ["targetCode"] = b.DomainId,
        ["targetUrl"] = b.Source.AbsoluteUri,
    });

    private static JsonObject ResultDescription(string id, string name, string resultType) => new()
    {
        ["id"] = id,
        ["type"] = new JsonArray("ResultDescription"),
        ["name"] = name,
        ["resultType"] = resultType,
    };

    private static JsonObject Result(string descriptionId, string value) => new()
    {
        ["type"] = new JsonArray("Result"),
        ["resultDescription"] = descriptionId,
        ["value"] = value,
    };

    private static string Number(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
