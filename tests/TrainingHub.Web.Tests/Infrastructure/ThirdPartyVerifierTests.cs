using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Features.Certificates.Badges.DataIntegrity;

namespace TrainingHub.Web.Tests.Infrastructure;

/// <summary>
/// Credentials the site issued, checked by tools we did not write (tools/verifiers, ADR 0017): jose fetches the key
/// the badge's kid names from the running site and verifies the badge and the status list; ajv checks the 1EdTech
/// Open Badges 3.0 JSON Schema; the DCC's verifier-core says what a wallet would, and jsonld.js makes the same
/// canonical N-Quads our eddsa-rdfc-2022 proof signs.
/// </summary>
[Trait(Speed.Trait, Speed.Slow)]
public sealed class ThirdPartyVerifierTests
{
    [Fact]
    public async Task Jose_verifies_the_badge_with_the_key_its_kid_names_and_reads_revocation_from_the_status_list()
    {
        using var site = new KestrelSite();
        var client = site.Client();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var jwt = await Credential(client, certificate.Code, "application/vc+jwt");

        var valid = Verifiers.Run("jose", jwt);
        Assert.True((bool?)valid["verified"], valid.ToJsonString());
        Assert.Equal("JWT", (string?)valid["header"]!["typ"]);
        var kid = (string)valid["header"]!["kid"]!;
        Assert.StartsWith(site.BaseAddress + "credentials/keys/", kid, StringComparison.Ordinal);
        Assert.Equal(kid, (string?)valid["kidDereferencedTo"]);
        Assert.Equal((string?)valid["credentialSubjectId"], (string?)valid["sub"]);
        Assert.StartsWith("urn:uuid:", (string?)valid["sub"], StringComparison.Ordinal);
        Assert.True((bool?)valid["statusList"]!["verified"]);
        Assert.False((bool?)valid["revoked"]);

        await SeedCertificates.RevokeAsync(site.Services, certificate.Id);
        var revoked = Verifiers.Run("jose", jwt);   // the same badge, as its holder kept it
        Assert.True((bool?)revoked["verified"], revoked.ToJsonString());
        Assert.True((bool?)revoked["revoked"]);
    }

    [Fact]
    public async Task A_badge_signed_before_a_key_rotation_still_verifies_with_the_key_its_kid_names()
    {
        using var site = new KestrelSite();
        var client = site.Client();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var before = await Credential(client, certificate.Code, "application/vc+jwt");

        var keys = site.Services.GetRequiredService<InstituteSigningKeys>();
        var oldKid = keys.Current.KeyId;
        var rotated = keys.Rotate();
        Assert.NotEqual(oldKid, rotated.KeyId);
        var jwks = JsonNode.Parse(await client.GetStringAsync("/.well-known/jwks.json"))!["keys"]!.AsArray().Select(k => (string?)k!["kid"]).ToList();
        Assert.Contains(oldKid, jwks);
        Assert.Contains(rotated.KeyId, jwks);

        var result = Verifiers.Run("jose", before);
        Assert.True((bool?)result["verified"], result.ToJsonString());
        Assert.Equal(oldKid, (string?)result["kidDereferencedTo"]);
    }

    [Fact]
    public async Task The_badge_passes_the_1EdTech_open_badges_json_schema()
    {
        using var site = new KestrelSite();
        var client = site.Client();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var credential = await Credential(client, certificate.Code, "application/vc");

        var result = Verifiers.Run("schema", credential);

        Assert.True((bool?)result["valid"], result.ToJsonString());
        Assert.Equal("https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json", (string?)result["schema"]);
    }

    [Fact]
    public async Task The_schema_check_rejects_a_badge_missing_what_open_badges_requires()
    {
        using var site = new KestrelSite();
        var client = site.Client();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var credential = JsonNode.Parse(await Credential(client, certificate.Code, "application/vc"))!;
        credential["credentialSubject"]!["achievement"]!.AsObject().Remove("criteria");

        var result = Verifiers.Run("schema", credential.ToJsonString());

        Assert.False((bool?)result["valid"]);
        Assert.Contains(result["errors"]!.AsArray(), e => ((string)e!).Contains("criteria", StringComparison.Ordinal));
    }

    /// <summary>
    /// What a DCC wallet (Learner Credential Wallet, VerifierPlus) says: verifier-core checks the badge's
    /// <c>eddsa-rdfc-2022</c> proof against the did:key it names, fetches the status list from the running site, checks
    /// that list's own proof and reads the badge's bit. Revocation flips its answer for the badge the holder kept.
    /// </summary>
    [Fact]
    public async Task The_dcc_verifier_accepts_the_badge_and_reports_it_revoked_after_revocation()
    {
        using var site = new KestrelSite();
        var client = site.Client();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var credential = await Credential(client, certificate.Code, "application/vc");

        var valid = Verifiers.Run("dcc", credential)["response"]!;
        Assert.Null(valid["errors"]);
        Assert.True(Step(valid, "valid_signature"), valid.ToJsonString());
        Assert.True(Step(valid, "revocation_status"), valid.ToJsonString());
        Assert.True(Step(valid, "expiration"), valid.ToJsonString());

        await SeedCertificates.RevokeAsync(site.Services, certificate.Id);
        var revoked = Verifiers.Run("dcc", credential)["response"]!;   // the same badge, as its holder kept it
        Assert.Null(revoked["errors"]);
        Assert.True(Step(revoked, "valid_signature"), revoked.ToJsonString());
        Assert.False(Step(revoked, "revocation_status"), revoked.ToJsonString());
    }

    [Fact]
    public async Task The_dcc_verifier_rejects_a_badge_changed_after_signing()
    {
        using var site = new KestrelSite();
        var client = site.Client();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var credential = JsonNode.Parse(await Credential(client, certificate.Code, "application/vc"))!;
        var hours = credential["credentialSubject"]!["result"]![0]!;
        hours["value"] = ((string)hours["value"]! == "40") ? "41" : "40";

        var result = Verifiers.Run("dcc", credential.ToJsonString())["response"]!;

        var error = Assert.Single(result["errors"]!.AsArray());
        Assert.Equal("invalid_signature", (string?)error!["name"]);
    }

    [Fact]
    public async Task A_data_integrity_badge_signed_before_a_key_rotation_still_verifies_with_the_dcc_verifier()
    {
        using var site = new KestrelSite();
        var client = site.Client();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var before = await Credential(client, certificate.Code, "application/vc");
        var keys = site.Services.GetRequiredService<InstituteSigningKeys>();
        var oldDid = keys.Current.DataIntegrityKey.Did;

        var rotated = keys.Rotate();
        Assert.NotEqual(oldDid, rotated.DataIntegrityKey.Did);
        Assert.Equal(oldDid, (string?)JsonNode.Parse(before)!["issuer"]!["id"]);
        var after = JsonNode.Parse(await Credential(client, certificate.Code, "application/vc"))!;
        Assert.Equal(rotated.DataIntegrityKey.Did, (string?)after["issuer"]!["id"]);

        var result = Verifiers.Run("dcc", before)["response"]!;
        Assert.Null(result["errors"]);
        Assert.True(Step(result, "valid_signature"), result.ToJsonString());
        Assert.True(Step(result, "revocation_status"), result.ToJsonString());
    }

    /// <summary>
    /// The N-Quads the site's own JSON-LD and RDFC-1.0 code signs are, byte for byte, what the reference implementation
    /// (jsonld.js and rdf-canonize, as verifier-core runs them) makes of the same documents: badges of two people, the
    /// proof configuration, the status list before and after a revocation, and badges with blank nodes that only the
    /// N-degree hash tells apart (identical twins, and look-alikes that differ one step away).
    /// </summary>
    [Fact]
    public async Task The_canonical_nquads_equal_the_reference_implementation_for_issued_credentials_and_the_status_list()
    {
        using var site = new KestrelSite();
        var client = site.Client();
        var first = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var second = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.Trainee);
        var documents = new List<JsonObject>();
        foreach (var code in new[] { first.Code, second.Code })
        {
            var secured = JsonNode.Parse(await Credential(client, code, "application/vc"))!.AsObject();
            var proof = secured["proof"]!.AsObject();
            secured.Remove("proof");
            documents.Add(secured);
            var configuration = new JsonObject { ["@context"] = secured["@context"]!.DeepClone() };
            foreach (var (name, value) in proof.Where(p => p.Key != "proofValue")) configuration[name] = value!.DeepClone();
            documents.Add(configuration);
        }
        documents.Add(await StatusListAsync(client));
        await SeedCertificates.RevokeAsync(site.Services, first.Id);
        documents.Add(await StatusListAsync(client));
        var twins = (JsonObject)documents[0].DeepClone();
        var results = twins["credentialSubject"]!["result"]!.AsArray();
        results.Add(results[0]!.DeepClone());
        results.Add(results[0]!.DeepClone());
        twins["credentialSubject"]!["identifier"]!.AsArray().Add(twins["credentialSubject"]!["identifier"]![0]!.DeepClone());
        documents.Add(twins);
        // Two addresses alike at first degree, told apart only through their (different) coordinates: the N-degree
        // hash decides which is c14n-first, and a wrong order would swap their labels.
        var apart = (JsonObject)documents[0].DeepClone();
        apart["issuer"]!["address"] = new JsonArray(Address("39.29"), Address("38.90"));
        documents.Add(apart);

        foreach (var document in documents)
        {
            var reference = Verifiers.Run("canonize", document.ToJsonString());
            Assert.Null(reference["error"]);
            var expected = (string)reference["nquads"]!;
            Assert.Equal(expected, EddsaRdfc2022.Canonical(document));
        }
        Assert.Contains("_:c14n", (string)Verifiers.Run("canonize", twins.ToJsonString())["nquads"]!, StringComparison.Ordinal);
    }

    private static JsonObject Address(string latitude) => new()
    {
        ["type"] = new JsonArray("Address"),
        ["geo"] = new JsonObject { ["type"] = new JsonArray("GeoCoordinates"), ["latitude"] = latitude },
    };

    private static async Task<JsonObject> StatusListAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/credentials/status/1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        list.Remove("proof");
        return list;
    }

    private static bool? Step(JsonNode response, string id) =>
        (bool?)response["log"]!.AsArray().SingleOrDefault(e => (string?)e!["id"] == id)?["valid"];

    private static async Task<string> Credential(HttpClient client, string code, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/verify/{code}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
