using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Features.Certificates.Verification;

namespace TrainingHub.Web.Tests.Infrastructure;

/// <summary>/verify/{code} for machines (content negotiation), the cached status list, the key endpoint and CORS.</summary>
public sealed class MachineVerificationTests
{
    [Fact]
    public async Task Verify_answers_json_with_the_status_valid_then_revoked_with_its_date_and_html_to_a_browser()
    {
        using var site = new SiteFactory();
        var client = site.Anonymous();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);

        var valid = await Get(client, $"/verify/{certificate.Code}", "application/json");
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("application/json", valid.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await valid.Content.ReadAsStringAsync())!;
        Assert.Equal("valid", (string?)body["status"]);
        Assert.Equal(certificate.Code, (string?)body["code"]);
        Assert.Null(body["revokedOn"]);
        Assert.Contains("Accept", valid.Headers.Vary);

        await SeedCertificates.RevokeAsync(site.Services, certificate.Id);
        var revoked = JsonNode.Parse(await (await Get(client, $"/verify/{certificate.Code}", "application/json")).Content.ReadAsStringAsync())!;
        Assert.Equal("revoked", (string?)revoked["status"]);
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string?)revoked["revokedOn"]);

        var page = await Get(client, $"/verify/{certificate.Code}", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This certificate was revoked", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replaced_certificate_answers_superseded()
    {
        using var site = new SiteFactory();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var adminId = await Seed.PersonIdAsync(site.Services, DemoAccounts.Admin);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new TrainingHub.Features.Certificates.ReissueCertificate.Command(adminId, certificate.Id, "Name corrected"));
        }

        var body = JsonNode.Parse(await (await Get(site.Anonymous(), $"/verify/{certificate.Code}", "application/json")).Content.ReadAsStringAsync())!;

        Assert.Equal("superseded", (string?)body["status"]);
    }

    [Fact]
    public async Task An_unknown_code_is_404_and_a_malformed_one_400_each_with_a_reason_in_every_machine_form()
    {
        using var site = new SiteFactory();
        var client = site.Anonymous();
        foreach (var type in new[] { "application/json", "application/vc+jwt", "application/vc", "application/vc+ld+json" })
        {
            var unknown = await Get(client, $"/verify/{VerificationCode.New()}", type);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            var reason = JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!;
            Assert.Equal("unknown", (string?)reason["status"]);
            Assert.Equal("No certificate has this code.", (string?)reason["message"]);

            var malformed = await Get(client, "/verify/not-a-code", type);
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.StartsWith("That is not a certificate code", (string?)JsonNode.Parse(await malformed.Content.ReadAsStringAsync())!["message"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_credential_itself_is_served_as_a_vc_jwt_signed_with_a_published_key()
    {
        using var site = new SiteFactory();
        var client = site.Anonymous();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);

        var response = await Get(client, $"/verify/{certificate.Code}", "application/vc+jwt");
        var jwt = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/vc+jwt", response.Content.Headers.ContentType?.MediaType);
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[0]))!;
        var kid = (string)header["kid"]!;
        Assert.StartsWith("http://localhost/credentials/keys/", kid, StringComparison.Ordinal);
        var key = await client.GetAsync(new Uri(kid).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, key.StatusCode);
        Assert.Equal("application/jwk+json", key.Content.Headers.ContentType?.MediaType);
        Assert.Equal(kid, (string?)JsonNode.Parse(await key.Content.ReadAsStringAsync())!["kid"]);
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[1]))!;
        Assert.Equal((string?)payload["credentialSubject"]!["id"], (string?)payload["sub"]);
    }

    [Fact]
    public async Task An_unknown_key_thumbprint_is_404_with_a_reason()
    {
        using var site = new SiteFactory();

        var response = await site.Anonymous().GetAsync("/credentials/keys/not-a-key-of-ours");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No signing key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_list_is_signed_once_per_change_with_a_stable_valid_from_and_an_etag()
    {
        using var site = new SiteFactory();
        var client = site.Anonymous();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);

        var first = await client.GetAsync("/credentials/status/1");
        var again = await client.GetAsync("/credentials/status/1");
        var etag = first.Headers.ETag!;
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());   // not signed again
        Assert.Equal(300, first.Headers.CacheControl?.MaxAge?.TotalSeconds);
        var payload = Payload(await first.Content.ReadAsStringAsync());
        Assert.Equal("1970-01-01T00:00:00Z", (string?)payload["validFrom"]);   // no revocation yet: never "now"
        Assert.Equal(300_000, (long?)payload["credentialSubject"]!["ttl"]);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/credentials/status/1");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        await SeedCertificates.RevokeAsync(site.Services, certificate.Id);
        var changed = await client.GetAsync("/credentials/status/1");
        Assert.NotEqual(etag, changed.Headers.ETag);
        var revokedAt = DateTimeOffset.Parse((string)Payload(await changed.Content.ReadAsStringAsync())["validFrom"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - revokedAt, TimeSpan.Zero, TimeSpan.FromMinutes(2));
        Assert.Equal(await changed.Content.ReadAsStringAsync(), await (await client.GetAsync("/credentials/status/1")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_status_list_answers_a_json_ld_client_with_a_data_integrity_proof_and_others_with_the_vc_jwt()
    {
        using var site = new SiteFactory();
        var client = site.Anonymous();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        await SeedCertificates.RevokeAsync(site.Services, certificate.Id);

        // What verifier-core's document loader sends.
        var json = await Get(client, "/credentials/status/1", "application/ld+json, application/json");
        Assert.Equal("application/vc", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", json.Headers.Vary);
        var list = JsonNode.Parse(await json.Content.ReadAsStringAsync())!.AsObject();
        var key = site.Services.GetRequiredService<InstituteSigningKeys>().Current.DataIntegrityKey;
        Assert.Equal(key.Did, (string?)list["issuer"]);
        Assert.Equal(["VerifiableCredential", "BitstringStatusListCredential"], list["type"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("eddsa-rdfc-2022", (string?)list["proof"]!["cryptosuite"]);
        Assert.Equal((string?)list["validFrom"], (string?)list["proof"]!["created"]);   // signed once per change, not "now"
        Assert.True(TrainingHub.Features.Certificates.Badges.DataIntegrity.EddsaRdfc2022.Verify(list, key.PublicKey));
        Assert.True(StatusList.IsRevoked((string)list["credentialSubject"]!["encodedList"]!, certificate.StatusIndex));

        var jwt = await client.GetAsync("/credentials/status/1");   // no Accept: the VC-JWT, as before
        Assert.Equal("application/vc+jwt", jwt.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, (await jwt.Content.ReadAsStringAsync()).Split('.').Length);
        Assert.NotEqual(jwt.Headers.ETag, json.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/credentials/status/1");
        conditional.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        conditional.Headers.IfNoneMatch.Add(json.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
        Assert.Equal(await json.Content.ReadAsStringAsync(), await (await Get(client, "/credentials/status/1", "application/vc")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/.well-known/jwks.json")]
    [InlineData("/credentials/status/1")]
    [InlineData("/verify/ABCD-EFGH-JKMN-PQRS-TVWX")]
    public async Task Verifier_resources_allow_cross_origin_reads_for_get_only(string path)
    {
        using var site = new SiteFactory();
        var client = site.Anonymous();

        using var get = new HttpRequestMessage(HttpMethod.Get, path);
        get.Headers.Add("Origin", "https://board.example.org");
        get.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await client.SendAsync(get);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://board.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var refused = await client.SendAsync(preflight);
        Assert.False(refused.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) && methods.Any(m => m.Contains("POST", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_page_elsewhere_on_the_site_does_not_allow_cross_origin_reads()
    {
        using var site = new SiteFactory();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        get.Headers.Add("Origin", "https://board.example.org");

        var answer = await site.Anonymous().SendAsync(get);

        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static async Task<HttpResponseMessage> Get(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await client.SendAsync(request);
    }

    private static JsonNode Payload(string jwt) => JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[1]))!;
}
