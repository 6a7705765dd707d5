using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>Recording a credential one holds, and the institute's check of it, over HTTP through the real site.</summary>
[Collection(SiteCollection.Name)]
public sealed class HeldCredentialsPagesTests(SiteFactory site)
{
    private static readonly byte[] Pdf = TestFiles.PlainPdf();

    private async Task<(string Id, HttpClient Client)> NewTraineeAsync(Guid siteId, string fullName)
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(person, DemoAccounts.Password)).Succeeded);
        await users.AddToRoleAsync(person, Roles.Trainee);
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = siteId, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return (person.Id, await site.SignedIn(email));
    }

    private static async Task<HttpResponseMessage> RecordAsync(HttpClient client, string token, string credential, string awarded, string expires, byte[] file, string fileName = "letter.pdf")
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(credential), "Input.CredentialId" },
            { new StringContent("PR-20411"), "Input.Number" },
            { new StringContent(awarded), "Input.AwardedOn" },
            { new StringContent(expires), "Input.ExpiresOn" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(part, "Input.File", fileName);
        return await client.PostAsync("/my/credentials/held", content);
    }

    [Fact]
    public async Task Bad_input_when_recording_a_held_credential_is_explained_and_nothing_is_saved()
    {
        var (id, client) = await NewTraineeAsync(DemoData.SiteB, "Avery Quinn");
        var token = await TokenFrom(client, "/my/credentials/held");
        var future = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd");

        var cases = new (string Credential, string Awarded, string Expires, byte[] File, string Message)[]
        {
            ("icrc-pr", future, "", Pdf, "The award date cannot be in the future. Enter the date on the board's letter."),
            ("icrc-pr", "2025-05-01", "2024-05-01", Pdf, "The expiry date must be after the award date. Check both dates on the board's letter."),
            ("ohio-cpra", "2025-05-01", "", Pdf, "TrainingHub does not know that board or credential. Choose one from the list; if yours is not there, ask the institute to add it."),
            ("icrc-pr", "2025-05-01", "", "<html>letter</html>"u8.ToArray(), "This file is not a PDF or a picture (PNG or JPEG). Save or scan the board's letter as a PDF, or take a photo of it, and upload that."),
        };
        foreach (var c in cases)
        {
            var response = await RecordAsync(client, token, c.Credential, c.Awarded, c.Expires, c.File);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(c.Message, Decoded(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        Assert.Equal(0, await site.Db(db => db.HeldCredentials.CountAsync(h => h.PersonId == id)));

        // Without the antiforgery token nothing is recorded either.
        using var noToken = new MultipartFormDataContent { { new StringContent("icrc-pr"), "Input.CredentialId" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/my/credentials/held", noToken)).StatusCode);
    }

    [Fact]
    public async Task An_institute_admin_verifies_a_held_credential_and_the_trainee_and_their_supervisor_see_its_renewal()
    {
        var (id, client) = await NewTraineeAsync(DemoData.SiteB, "Jamie Ortiz");
        var recorded = await RecordAsync(client, await TokenFrom(client, "/my/credentials/held"), "icrc-pr", DateTime.UtcNow.AddYears(-1).ToString("yyyy-MM-dd"), "", Pdf);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var mine = Decoded(await client.GetStringAsync("/my/credentials"));
        Assert.Contains("The institute has not checked the board's letter yet.", mine, StringComparison.Ordinal);
        var held = await site.Db(db => db.HeldCredentials.SingleAsync(h => h.PersonId == id));

        var coordinator = await site.SignedIn(DemoAccounts.CoordinatorB);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync("/institute/credentials/held")).StatusCode);

        var admin = await site.SignedIn(DemoAccounts.Admin);
        var token = await TokenFrom(admin, "/institute/credentials/held");
        Assert.Contains("Jamie Ortiz", Decoded(await admin.GetStringAsync("/institute/credentials/held")), StringComparison.Ordinal);
        var noReason = Decoded(await (await PostWithToken(admin, "/institute/credentials/held?handler=Refuse", new() { ["DecidingId"] = held.Id.ToString(), ["Reason"] = "" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("Say why, so the person knows what to do.", noReason, StringComparison.Ordinal);
        var unknown = await PostWithToken(admin, "/institute/credentials/held?handler=Verify", new() { ["DecidingId"] = Guid.NewGuid().ToString() }, token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await site.Db(db => db.HeldCredentialReviews.CountAsync(r => r.HeldCredentialId == held.Id)));

        var verified = await PostWithToken(admin, "/institute/credentials/held?handler=Verify", new() { ["DecidingId"] = held.Id.ToString() }, token);
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);

        mine = Decoded(await client.GetStringAsync("/my/credentials"));
        Assert.Contains("Verified by the institute.", mine, StringComparison.Ordinal);
        Assert.Contains("Ethics continuing education: 0 of 6 hours", mine, StringComparison.Ordinal);
        var pdf = await client.GetAsync($"/my/credentials/held?handler=Packet&id={held.Id}&format=pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);

        var supervisor = await site.SignedIn(DemoAccounts.SupervisorB);
        var theirs = Decoded(await supervisor.GetStringAsync($"/sites/{DemoData.SiteB}/credentials/{id}"));
        Assert.Contains("Ethics continuing education: 0 of 6 hours", theirs, StringComparison.Ordinal);
        var otherSite = await site.SignedIn(DemoAccounts.Supervisor);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSite.GetAsync($"/my/credentials/held?handler=File&id={held.Id}")).StatusCode);
    }
}
