using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Features.Certificates.Badges.DataIntegrity;

namespace TrainingHub.Tests.Certificates;

/// <summary>
/// The issuing side of the badge's <c>eddsa-rdfc-2022</c> proof (ADR 0017): what must refuse to sign, and what the
/// signature covers. That the output matches jsonld.js and passes verifier-core is proven against the running site in
/// TrainingHub.Web.Tests (ThirdPartyVerifierTests).
/// </summary>
public sealed class DataIntegrityProofTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 5, 13, 0, 0, TimeSpan.Zero);

    private static JsonObject Badge(Ed25519DidKey key)
    {
        var badge = CertificateBadge.BuildObject(OpenBadgeCredentialTests.Details());
        badge["issuer"]!["id"] = key.Did;
        return badge;
    }

    [Fact]
    public void A_property_no_context_defines_makes_issuance_fail_instead_of_going_unsigned()
    {
        using var signing = InstituteSigningKey.CreateEphemeral();
        var badge = Badge(signing.DataIntegrityKey);
        badge["credentialSubject"]!["achievement"]!["favoriteColor"] = "teal";

        var error = Assert.Throws<JsonLdException>(() => EddsaRdfc2022.Sign(badge, signing.DataIntegrityKey, Created));

        Assert.Contains("\"favoriteColor\" is not defined", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type", "CustomAchievement")]            // a type no context defines: a relative IRI
    [InlineData("id", "courses/recovery-coach")]          // a relative id
    public void An_undefined_type_or_a_relative_id_makes_issuance_fail(string property, string value)
    {
        using var signing = InstituteSigningKey.CreateEphemeral();
        var badge = Badge(signing.DataIntegrityKey);
        badge["credentialSubject"]!["achievement"]![property] = value;

        Assert.Throws<JsonLdException>(() => EddsaRdfc2022.Sign(badge, signing.DataIntegrityKey, Created));
    }

    [Fact]
    public void A_context_the_issuer_does_not_embed_is_never_fetched_and_fails()
    {
        using var signing = InstituteSigningKey.CreateEphemeral();
        var badge = Badge(signing.DataIntegrityKey);
        badge["@context"]!.AsArray().Add("https://example.org/my-context.json");

        var error = Assert.Throws<JsonLdException>(() => EddsaRdfc2022.Sign(badge, signing.DataIntegrityKey, Created));

        Assert.Contains("https://example.org/my-context.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_proof_verifies_with_the_did_key_and_fails_when_any_signed_statement_changes()
    {
        using var signing = InstituteSigningKey.CreateEphemeral();
        var key = signing.DataIntegrityKey;
        var secured = EddsaRdfc2022.Sign(Badge(key), key, Created);

        var proof = secured["proof"]!;
        Assert.Equal("DataIntegrityProof", (string?)proof["type"]);
        Assert.Equal("eddsa-rdfc-2022", (string?)proof["cryptosuite"]);
        Assert.Equal("assertionMethod", (string?)proof["proofPurpose"]);
        Assert.Equal("2026-12-05T13:00:00Z", (string?)proof["created"]);
        Assert.Equal(key.Did + "#" + key.Did["did:key:".Length..], (string?)proof["verificationMethod"]);
        Assert.StartsWith("did:key:z6Mk", key.Did, StringComparison.Ordinal);
        Assert.Equal(64, Base58Btc.Decode(((string)proof["proofValue"]!)[1..]).Length);
        Assert.True(EddsaRdfc2022.Verify(secured, key.PublicKey));

        var changed = (JsonObject)secured.DeepClone();
        changed["credentialSubject"]!["result"]![0]!["value"] = "31";
        Assert.False(EddsaRdfc2022.Verify(changed, key.PublicKey));

        // Whitespace and key order are not statements: the canonical form, and so the proof, ignore them.
        var reordered = JsonNode.Parse(new JsonObject(secured.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString())!.AsObject();
        Assert.True(EddsaRdfc2022.Verify(reordered, key.PublicKey));
    }

    [Fact]
    public void Each_key_generation_has_its_own_did_and_the_same_generation_always_the_same_one()
    {
        using var one = InstituteSigningKey.CreateEphemeral();
        using var two = InstituteSigningKey.CreateEphemeral();
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = ecdsa.ExportPkcs8PrivateKeyPem();
        using var loadedOnce = InstituteSigningKey.FromPem(pem);
        using var loadedAgain = InstituteSigningKey.FromPem(pem);

        Assert.NotEqual(one.DataIntegrityKey.Did, two.DataIntegrityKey.Did);
        Assert.Equal(loadedOnce.DataIntegrityKey.Did, loadedAgain.DataIntegrityKey.Did);
    }

    [Fact]
    public void Base58btc_round_trips_and_keeps_leading_zero_bytes()
    {
        Assert.Equal("2NEpo7TZRRrLZSi2U", Base58Btc.Encode(Encoding.ASCII.GetBytes("Hello World!")));
        Assert.Equal("112", Base58Btc.Encode([0, 0, 1]));
        Assert.Equal(new byte[] { 0, 0, 1 }, Base58Btc.Decode("112"));
        var random = RandomNumberGenerator.GetBytes(64);
        Assert.Equal(random, Base58Btc.Decode(Base58Btc.Encode(random)));
    }

    [Fact]
    public void Literals_are_escaped_as_canonical_nquads_require()
    {
        Assert.Equal("a\\\"b\\\\c\\nd\\te\\u0001f\\u007F", Rdfc10.EscapeLiteral("a\"b\\c\nd\te\u0001f\u007F"));
    }
}
