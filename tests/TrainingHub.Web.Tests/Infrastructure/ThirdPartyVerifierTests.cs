using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Features.Certificates.Badges;

namespace TrainingHub.Web.Tests.Infrastructure;

/// <summary>
/// Credentials the site issued, checked by tools we did not write (tools/verifiers, ADR 0017): jose fetches the key
/// the badge's kid names from the running site and verifies the badge and the status list; ajv checks the 1EdTech
/// Open Badges 3.0 JSON Schema; the DCC's verifier-core says what a wallet would.
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
    /// What a DCC wallet says today: verifier-core checks only Data Integrity proofs, which the site cannot make yet
    /// (ADR 0017, "Not done"). This pins the gap so the day a proof is added, this test is the one to turn around.
    /// </summary>
    [Fact]
    public async Task The_dcc_verifier_reads_the_badge_and_reports_that_it_has_no_data_integrity_proof()
    {
        using var site = new KestrelSite();
        var client = site.Client();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var credential = await Credential(client, certificate.Code, "application/vc");

        var result = Verifiers.Run("dcc", credential);

        var error = Assert.Single(result["response"]!["errors"]!.AsArray());
        Assert.Equal("no_proof", (string?)error!["name"]);
    }

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
