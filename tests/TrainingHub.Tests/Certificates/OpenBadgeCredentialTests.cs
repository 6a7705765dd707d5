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

    private static CertificateBadgeDetails Details(string? salt = null) => new(
        CredentialId: SampleCertificate.Url,
        IssuerId: new Uri("https://training.example.org/"),
        IssuerName: "MARS Peer Recovery Training Institute",
        AchievementId: new Uri("https://training.example.org/courses/recovery-coach"),
        CourseTitle: "Recovery Coach Training",
        CourseDescription: "Thirty hours of training for peers who support others in medication-assisted recovery.",
        CriteriaNarrative: "Attended all 30 hours and passed each module quiz with at least 80 %.",
        CourseHours: 30m,
        TraineeFullName: "Terry Jackson",
        ValidFrom: new DateTimeOffset(2026, 3, 14, 15, 30, 0, TimeSpan.FromHours(-4)),
        Status: new StatusListEntry(StatusListUrl, 94_567),
        RecipientSalt: salt);

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
        Assert.Equal(30m, (decimal?)subject["creditsEarned"]);

        var status = credential["credentialStatus"]!;
        Assert.Equal("BitstringStatusListEntry", (string?)status["type"]);
        Assert.Equal("revocation", (string?)status["statusPurpose"]);
        Assert.Equal("94567", (string?)status["statusListIndex"]);
        Assert.Equal(StatusListUrl.AbsoluteUri, (string?)status["statusListCredential"]);
        Assert.Equal(StatusListUrl.AbsoluteUri + "#94567", (string?)status["id"]);
    }

    [Fact]
    public void The_trainee_is_named_only_by_a_salted_hash_a_board_can_check()
    {
        var json = CertificateBadge.Build(Details());
        var identity = JsonNode.Parse(json)!["credentialSubject"]!["identifier"]![0]!;

        Assert.DoesNotContain("Terry", json, StringComparison.OrdinalIgnoreCase);
        Assert.True((bool?)identity["hashed"]);
        Assert.Equal("name", (string?)identity["identityType"]);
        var salt = (string)identity["salt"]!;
        var expected = "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Terry Jackson" + salt)));
        Assert.Equal(expected, (string?)identity["identityHash"]);
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
        Assert.Equal("vc+jwt", token.Typ);
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
            .Replace("\"creditsAvailable\":30", "\"creditsAvailable\":300", StringComparison.Ordinal);
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
    public void The_published_key_is_a_p256_jwk_whose_kid_is_its_rfc7638_thumbprint()
    {
        using var key = InstituteSigningKey.CreateEphemeral();
        var jwk = new JsonWebKey(key.PublicJwkJson());

        Assert.Equal("EC", jwk.Kty);
        Assert.Equal("P-256", jwk.Crv);
        Assert.Equal(key.KeyId, jwk.Kid);
        Assert.Equal(Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), key.KeyId);
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

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(key.Sign(list), Validation(key.JwkSetJson()));

        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(StatusListUrl.AbsoluteUri, ((JsonWebToken)result.SecurityToken).Id);
    }

    private static TokenValidationParameters Validation(string jwkSetJson) => new()
    {
        IssuerSigningKeys = new JsonWebKeySet(jwkSetJson).GetSigningKeys(),
        ValidIssuer = "https://training.example.org/",
        ValidateAudience = false,
        RequireExpirationTime = false,
        ValidTypes = ["vc+jwt"],
        ValidAlgorithms = ["ES256"],
    };

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();
}
