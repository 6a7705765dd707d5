using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates.Verification;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>Board verification keys: issued and revoked by institute admins on their page, used for batch look-ups.</summary>
public sealed partial class BoardVerificationTests
{
    [Fact]
    public async Task An_admin_issues_a_key_a_board_checks_many_codes_with_it_and_after_revocation_the_key_is_refused()
    {
        using var site = new SiteFactory();
        var certificate = await SeedCertificates.IssueAsync(site.Services, DemoAccounts.TraineeB);
        var admin = await site.SignedIn(DemoAccounts.Admin);

        var issued = await SiteFactory.PostForm(admin, "/institute/board-keys?handler=Issue", new() { ["Name"] = "New York Certification Board" }, "/institute/board-keys");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var page = await issued.Content.ReadAsStringAsync();
        var key = IssuedKey().Match(page).Groups[1].Value;
        Assert.StartsWith(BoardVerificationKeys.KeyPrefix, key, StringComparison.Ordinal);
        Assert.Contains("no-store", issued.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var row = await db.BoardVerificationKeys.SingleAsync();
            Assert.Equal(BoardVerificationKeys.Hash(key), row.SecretHash);   // stored hashed
            Assert.DoesNotContain(await db.BoardVerificationKeys.Select(k => k.SecretHash + k.Prefix + k.Name).ToListAsync(), s => s.Contains(key, StringComparison.Ordinal));
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.BoardKeyIssued && a.Subject == $"board-key/{row.Id}"));
        }
        Assert.DoesNotContain(key, await admin.GetStringAsync("/institute/board-keys"), StringComparison.Ordinal);   // shown once

        var board = site.Anonymous();
        var answer = await Batch(board, key, [certificate.Code, VerificationCode.New(), "nonsense"]);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var results = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["results"]!.AsArray();
        Assert.Equal(new[] { "valid", "unknown", "malformed" }, results.Select(r => (string)r!["status"]!).ToArray());
        Assert.Equal(certificate.Code, (string?)results[0]!["code"]);

        Guid keyId;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            keyId = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().BoardVerificationKeys.Select(k => k.Id).SingleAsync();
        }
        var revoked = await SiteFactory.PostForm(admin, "/institute/board-keys?handler=Revoke", new() { ["keyId"] = keyId.ToString() }, "/institute/board-keys");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var refused = await Batch(board, key, [certificate.Code]);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["message"], StringComparison.Ordinal);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().AuditEvents.AnyAsync(a => a.Action == AuditActions.BoardKeyRevoked && a.Subject == $"board-key/{keyId}"));
        }
    }

    [Fact]
    public async Task Batch_look_ups_without_a_key_with_a_wrong_key_too_many_codes_none_or_bad_json_are_refused_with_a_reason()
    {
        using var site = new SiteFactory();
        var key = await IssueAsync(site);
        var board = site.Anonymous();

        var missing = await Batch(board, null, [VerificationCode.New()]);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("Authorization: Bearer", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var wrong = await Batch(board, key + "x", [VerificationCode.New()]);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("not valid", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tooMany = await Batch(board, key, Enumerable.Range(0, VerifyCodesForBoard.MaxCodes + 1).Select(_ => VerificationCode.New()).ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("at most 100 codes", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var none = await Batch(board, key, []);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);

        using var garbled = new HttpRequestMessage(HttpMethod.Post, "/api/verify") { Content = new StringContent("{codes: nope", Encoding.UTF8, "application/json") };
        garbled.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var bad = await board.SendAsync(garbled);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Send JSON", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_board_key_has_its_own_limit_and_the_public_limit_still_holds_for_everyone_else()
    {
        using var site = new SiteFactory();
        site.Settings["Certificates:BoardVerifyRequestsPerMinute"] = "3";
        site.Settings["Certificates:VerifyRequestsPerMinute"] = "2";
        var key = await IssueAsync(site);
        var board = site.Anonymous();

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await Batch(board, key, [VerificationCode.New()])).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Batch(board, key, [VerificationCode.New()])).StatusCode);

        // The board's batch budget is not the public page's: the public page keeps its own, lower limit.
        Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/verify/{VerificationCode.New()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/verify/{VerificationCode.New()}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await board.GetAsync($"/verify/{VerificationCode.New()}")).StatusCode);
    }

    [Fact]
    public async Task Issuing_a_key_without_a_name_is_refused_with_a_message_and_writes_nothing()
    {
        using var site = new SiteFactory();
        var admin = await site.SignedIn(DemoAccounts.Admin);

        var answer = await SiteFactory.PostForm(admin, "/institute/board-keys?handler=Issue", new() { ["Name"] = "  " }, "/institute/board-keys");

        Assert.Contains("Say who the key is for", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = site.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().BoardVerificationKeys.AnyAsync());
    }

    [Fact]
    public async Task Only_an_institute_admin_can_open_the_board_keys_page()
    {
        using var site = new SiteFactory();
        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);

        var answer = await coordinator.GetAsync("/institute/board-keys");

        // The admin-only folder sends anyone else away (a redirect, as for the other /institute pages), never the page.
        Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
    }

    private static async Task<string> IssueAsync(SiteFactory site)
    {
        var adminId = await Seed.PersonIdAsync(site.Services, DemoAccounts.Admin);
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new BoardVerificationKeys.Issue(adminId, "Test board"))).Key;
    }

    private static async Task<HttpResponseMessage> Batch(HttpClient client, string? key, string[] codes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/verify") { Content = JsonContent.Create(new { codes }) };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("<code id=\"issued-key\">([^<]+)</code>")]
    private static partial Regex IssuedKey();
}
