using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TrainingHub.Features.Certificates.Badges;

namespace TrainingHub.Tests.Certificates;

public sealed class OpenBadgeCredentialTests
{
    private static readonly Uri StatusListUrl = new("https://training.example.org/status/1");

    internal static CertificateBadgeDetails Details(string? salt = null) => new(
        CredentialId: SampleCertificate.Url,
        IssuerId: new Uri("https://training.example.org/"),
        IssuerName: "MARS Peer Recovery Training Institute",
        AchievementId: new Uri("https://training.example.org/courses/recovery-coach"),
        CourseTitle: "Recovery Coach Training",
        CourseVersion: "2026.2",
        CourseDescription: "Thirty hours of training for peers who support others in medication-assisted recovery.",
        CriteriaNarrative: "Attended all 30 hours and passed each module quiz with at least 80 %.",
        CourseHours: 30m,
        SubjectId: new Uri("urn:uuid:2f1c0f52-5d0e-8a41-9b7e-3c5d7e9f1a2b"),
        RecipientEmail: "  Terry.Jackson@Example.org ",
        ValidFrom: new DateTimeOffset(2026, 3, 14, 15, 30, 0, TimeSpan.FromHours(-4)),
        Status: new StatusListEntry(StatusListUrl, 94_567),
        ImageUrl: new Uri("https://training.example.org/credentials/badge.svg"),
        DeliveryMode: "Blended: 20 h in person, 10 h self-paced",
        Domains:
        [
            new BadgeDomain("recovery-wellness-support", "Recovery and Wellness Support", "Supporting a person's own recovery plan.", 20m, [IcrcRws]),
            new BadgeDomain("medication-supported-recovery", "Medication-Supported Recovery", "Medications for opioid use disorder.", 10m, [IcrcRws]),
        ],
        ProviderNumbers: new Dictionary<string, string> { ["NAADAC"] = "NAADAC-PROVIDER-77" },
        RecipientSalt: salt);

    private static readonly BoardDomainAlignment IcrcRws =
        new("IC&RC Peer Recovery (PR)", "recovery-wellness-support", "Recovery/Wellness Support", new Uri("https://internationalcredentialing.org/icrc-credentials/pr"));

    [Fact]
    public void Credential_has_the_open_badges_3_shape()
    {
        var credential = JsonNode.Parse(CertificateBadge.Build(Details()))!.AsObject();

        Assert.Equal(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"], Strings(credential["@context"]));
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], Strings(credential["type"]));
        Assert.Equal(SampleCertificate.Url.AbsoluteUri, (string?)credential["id"]);
        Assert.Equal("https://training.example.org/", (string?)credential["issuer"]!["id"]);
        Assert.Equal("MARS Peer Recovery Training Institute", (string?)credential["issuer"]!["name"]);
        Assert.Equal(["Profile"], Strings(credential["issuer"]!["type"]));
        Assert.Equal("2026-03-14T19:30:00Z", (string?)credential["validFrom"]);

        var subject = credential["credentialSubject"]!;
        Assert.Equal(["AchievementSubject"], Strings(subject["type"]));
        var achievement = subject["achievement"]!;
        Assert.Equal("https://training.example.org/courses/recovery-coach", (string?)achievement["id"]);
        Assert.Equal(["Achievement"], Strings(achievement["type"]));
        Assert.Equal("Recovery Coach Training", (string?)achievement["name"]);
        Assert.StartsWith("Thirty hours", (string?)achievement["description"], StringComparison.Ordinal);
        Assert.StartsWith("Attended all 30 hours", (string?)achievement["criteria"]!["narrative"], StringComparison.Ordinal);
        Assert.Equal("urn:uuid:2f1c0f52-5d0e-8a41-9b7e-3c5d7e9f1a2b", (string?)subject["id"]);
        Assert.Null(subject["creditsEarned"]);   // OB credits are academic credits; contact hours are results
        Assert.Equal("2026.2", (string?)achievement["version"]);
        Assert.Equal("https://training.example.org/credentials/badge.svg", (string?)achievement["image"]!["id"]);
        Assert.Equal(SampleCertificate.Url.AbsoluteUri, (string?)credential["evidence"]![0]!["id"]);

        var status = credential["credentialStatus"]!;
        Assert.Equal("BitstringStatusListEntry", (string?)status["type"]);
        Assert.Equal("revocation", (string?)status["statusPurpose"]);
        Assert.Equal("94567", (string?)status["statusListIndex"]);
        Assert.Equal(StatusListUrl.AbsoluteUri, (string?)status["statusListCredential"]);
        Assert.Equal(StatusListUrl.AbsoluteUri + "#94567", (string?)status["id"]);
    }

    [Fact]
    public void The_trainee_is_named_only_by_a_salted_hash_of_the_normalized_email_a_board_can_check()
    {
        var json = CertificateBadge.Build(Details());
        var identity = JsonNode.Parse(json)!["credentialSubject"]!["identifier"]![0]!;

        Assert.DoesNotContain("Terry", json, StringComparison.OrdinalIgnoreCase);
        Assert.True((bool?)identity["hashed"]);
        Assert.Equal("emailAddress", (string?)identity["identityType"]);
        var salt = (string)identity["salt"]!;
        // OB 3.0: the address trimmed and lower-cased, then the salt appended, hashed with SHA-256.
        var expected = "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("terry.jackson@example.org" + salt)));
        Assert.Equal(expected, (string?)identity["identityHash"]);
    }

    [Fact]
    public void The_badge_carries_hours_by_domain_the_delivery_mix_the_board_domains_and_the_provider_numbers()
    {
        var credential = JsonNode.Parse(CertificateBadge.Build(Details()))!;
        var achievement = credential["credentialSubject"]!["achievement"]!;
        var descriptions = achievement["resultDescription"]!.AsArray().ToDictionary(d => (string)d!["id"]!, d => d!);
        var results = credential["credentialSubject"]!["result"]!.AsArray()
            .ToDictionary(r => (string)descriptions[(string)r!["resultDescription"]!]["name"]!, r => (string?)r!["value"]);

        Assert.Equal("30", results["Contact hours"]);
        Assert.Equal("20", results["Contact hours in Recovery and Wellness Support"]);
        Assert.Equal("10", results["Contact hours in Medication-Supported Recovery"]);
        Assert.Equal("Blended: 20 h in person, 10 h self-paced", results["How the training was delivered"]);
        Assert.All(descriptions.Values.Where(d => ((string)d["name"]!).StartsWith("Contact", StringComparison.Ordinal)),
            d => Assert.Equal(CertificateBadge.ContactHoursType, (string?)d["resultType"]));
        // Both of our domains count toward one IC&RC domain: the achievement names it once.
        var alignment = Assert.Single(achievement["alignment"]!.AsArray());
        Assert.Equal("Recovery/Wellness Support", (string?)alignment!["targetName"]);
        Assert.Equal("IC&RC Peer Recovery (PR)", (string?)alignment["targetFramework"]);
        Assert.Equal("https://internationalcredentialing.org/icrc-credentials/pr", (string?)alignment["targetUrl"]);
        var provider = Assert.Single(credential["issuer"]!["otherIdentifier"]!.AsArray());
        Assert.Equal("NAADAC approved provider NAADAC-PROVIDER-77", (string?)provider!["identifier"]);
        Assert.Equal("ext:ApprovedProviderNumber", (string?)provider["identifierType"]);
    }

    [Fact]
    public void Building_the_same_credential_twice_gives_the_same_json_and_each_credential_its_own_salt()
    {
        var other = Details() with { CredentialId = new Uri("https://training.example.org/verify/0000-0000-0000-0000-0001") };

        Assert.Equal(CertificateBadge.Build(Details()), CertificateBadge.Build(Details()));
        Assert.NotEqual(Salt(CertificateBadge.Build(Details())), Salt(CertificateBadge.Build(other)));
        Assert.Equal("chosen", Salt(CertificateBadge.Build(Details("chosen"))));

        static string? Salt(string json) => (string?)JsonNode.Parse(json)!["credentialSubject"]!["identifier"]![0]!["salt"];
    }

    [Fact]
    public async Task A_signed_badge_verifies_with_a_standard_jwt_library_and_the_published_key_set()
    {
        using var key = InstituteSigningKey.CreateEphemeral();
        var jwt = key.Sign(CertificateBadge.Build(Details()));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, Validation(key.JwkSetJson()));

        Assert.True(result.IsValid, result.Exception?.ToString());
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal("ES256", token.Alg);
        Assert.Equal("JWT", token.Typ);   // OB 3.0 8.2.1 (ADR 0017)
        Assert.Equal("urn:uuid:2f1c0f52-5d0e-8a41-9b7e-3c5d7e9f1a2b", token.Subject);   // sub = credentialSubject.id
        Assert.Equal(key.KeyId, token.Kid);
        Assert.Equal("https://training.example.org/", token.Issuer);
        Assert.Equal(SampleCertificate.Url.AbsoluteUri, token.Id);
        Assert.Equal(new DateTime(2026, 3, 14, 19, 30, 0, DateTimeKind.Utc), token.ValidFrom);
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]))!;
        Assert.Equal("Recovery Coach Training", (string?)payload["credentialSubject"]!["achievement"]!["name"]);
    }

    [Fact]
    public async Task A_badge_whose_payload_was_changed_fails_verification()
    {
        using var key = InstituteSigningKey.CreateEphemeral();
        var parts = key.Sign(CertificateBadge.Build(Details())).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]))
            .Replace("\"value\":\"30\"", "\"value\":\"300\"", StringComparison.Ordinal);
        Assert.Contains("300", payload, StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(tampered, Validation(key.JwkSetJson()));

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenInvalidSignatureException>(result.Exception);
    }

    [Fact]
    public async Task A_badge_signed_by_another_key_fails_verification()
    {
        using var institute = InstituteSigningKey.CreateEphemeral();
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = VcJwt.Sign(CertificateBadge.Build(Details()), impostor, institute.KeyId);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(forged, Validation(institute.JwkSetJson()));

        Assert.False(result.IsValid);
    }

    [Fact]
    public void The_published_key_is_a_p256_jwk_with_its_rfc7638_thumbprint()
    {
        using var key = InstituteSigningKey.CreateEphemeral();
        var jwk = new JsonWebKey(key.PublicJwkJson());

        Assert.Equal("EC", jwk.Kty);
        Assert.Equal("P-256", jwk.Crv);
        Assert.Equal(key.KeyId, jwk.Kid);
        Assert.Equal(Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), key.Thumbprint);
        Assert.Equal(key.Thumbprint, key.KeyId);   // no address given: the bare thumbprint
        Assert.False(jwk.HasPrivateKey);
        Assert.DoesNotContain("\"d\"", key.JwkSetJson(), StringComparison.Ordinal);
        Assert.Equal(key.KeyId, new JsonWebKeySet(key.JwkSetJson()).Keys.Single().Kid);
    }

    [Fact]
    public void Signing_refuses_a_key_on_another_curve()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => VcJwt.Sign(CertificateBadge.Build(Details()), p384, "kid"));
    }

    [Fact]
    public async Task The_status_list_credential_can_be_signed_and_verified_like_a_badge()
    {
        using var key = InstituteSigningKey.CreateEphemeral();
        var list = StatusList.BuildCredential(StatusListUrl, new Uri("https://training.example.org/"), DateTimeOffset.UnixEpoch.AddYears(56), [94_567]);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(key.Sign(list, VcJwt.CredentialType), Validation(key.JwkSetJson(), "vc+jwt"));

        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(StatusListUrl.AbsoluteUri, ((JsonWebToken)result.SecurityToken).Id);
    }

    [Fact]
    public void A_key_published_under_an_address_uses_that_address_as_its_kid()
    {
        using var key = InstituteSigningKey.CreateEphemeral("https://training.example.org/credentials/keys/");

        Assert.Equal("https://training.example.org/credentials/keys/" + key.Thumbprint, key.KeyId);
        Assert.Equal(key.KeyId, (string?)JsonNode.Parse(key.PublicJwkJson())!["kid"]);
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(key.Sign(CertificateBadge.Build(Details())).Split('.')[0]))!;
        Assert.Equal(key.KeyId, (string?)header["kid"]);
    }

    private static TokenValidationParameters Validation(string jwkSetJson, string type = "JWT") => new()
    {
        IssuerSigningKeys = new JsonWebKeySet(jwkSetJson).GetSigningKeys(),
        ValidIssuer = "https://training.example.org/",
        ValidateAudience = false,
        RequireExpirationTime = false,
        ValidTypes = [type],
        ValidAlgorithms = ["ES256"],
    };

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();
}
