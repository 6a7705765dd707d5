using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace TrainingHub.Features.Certificates.Badges;

/// <summary>
/// Secures a credential as a VC-JWT: a compact JWS signed with ES256 whose payload is the credential itself, with the
/// registered claims <c>iss</c>, <c>jti</c> and <c>nbf</c> (and <c>sub</c> when the subject has an id) copied from it,
/// so ordinary JWT libraries can check it.
/// </summary>
public static class VcJwt
{
    public const string Algorithm = "ES256";
    public const string MediaType = "vc+jwt";

    /// <summary>The <c>typ</c> OB 3.0 (section 8.2) requires of a badge's JOSE header (ADR 0017).</summary>
    public const string OpenBadgeType = "JWT";

    /// <summary>The <c>typ</c> VC-JOSE-COSE recommends, used for credentials OB does not govern (the status list).</summary>
    public const string CredentialType = "vc+jwt";

    public static string Sign(string credentialJson, ECDsa key, string keyId, string type = OpenBadgeType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(credentialJson);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        InstituteSigningKey.EnsureP256(key);

        var payload = JsonNode.Parse(credentialJson) as JsonObject
            ?? throw new ArgumentException("The credential must be a JSON object.", nameof(credentialJson));
        var issuer = payload["issuer"] switch
        {
            JsonValue id => id.GetValue<string>(),
            JsonObject profile => profile["id"]?.GetValue<string>(),
            _ => null,
        } ?? throw new ArgumentException("The credential has no issuer id.", nameof(credentialJson));
        var validFrom = payload["validFrom"]?.GetValue<string>()
            ?? throw new ArgumentException("The credential has no validFrom.", nameof(credentialJson));

        payload["iss"] = issuer;
        if (payload["id"] is JsonValue credentialId)
        {
            payload["jti"] = credentialId.GetValue<string>();
        }
        payload["nbf"] = DateTimeOffset.Parse(validFrom, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeSeconds();
        if (payload["credentialSubject"] is JsonObject subject && subject["id"] is JsonValue subjectId)
        {
            payload["sub"] = subjectId.GetValue<string>();
        }

        var header = new JsonObject { ["alg"] = Algorithm, ["typ"] = type, ["kid"] = keyId };
        var signingInput = Encode(header.ToJsonString()) + "." + Encode(payload.ToJsonString());
        // .NET signs in the IEEE P1363 r||s form that JWS requires for ES256, not DER.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
