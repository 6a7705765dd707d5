using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>
/// Uploaded files are looked inside, not judged by their first bytes: active PDFs and huge pictures are refused with a
/// message and nothing is written; an upload over the request limit is told the limit; files go back only as sandboxed
/// downloads.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class UploadSafetyTests(SiteFactory site)
{
    public static TheoryData<string, string> RefusedFiles() => new()
    {
        { "open-action-javascript.pdf", "This PDF has a program (JavaScript) in it that would run when it is opened, so it cannot be accepted." },
        { "launch.pdf", "This PDF tries to open another program when it is opened, so it cannot be accepted." },
        { "embedded-file.pdf", "This PDF has other files attached inside it, so it cannot be accepted." },
        { "unparseable.pdf", "This PDF could not be opened: it may be damaged or unfinished." },
        { "huge.png", "This picture is 30,000 × 30,000 pixels; the most the institute accepts is 6,000 pixels on a side and 40 megapixels in all." },
        { "broken.png", "This picture could not be opened: it may be damaged." },
    };

    private static byte[] FileNamed(string name) => name switch
    {
        "open-action-javascript.pdf" => TestFiles.PdfWithOpenActionJavaScript(),
        "launch.pdf" => TestFiles.PdfWithLaunchAction(),
        "embedded-file.pdf" => TestFiles.PdfWithEmbeddedFile(),
        "unparseable.pdf" => "%PDF-1.4\n%%EOF\n"u8.ToArray(),
        "huge.png" => TestFiles.BlankPng(30_000, 30_000),
        "broken.png" => TestFiles.BlankPng(20, 20)[..40],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_dangerous_or_unreadable_certificate_file_is_refused_with_its_reason_and_nothing_is_written(string name, string message)
    {
        var (id, client) = await NewTraineeAsync();
        var file = FileNamed(name);
        Assert.True(file.Length < 1024 * 1024, $"{name} is {file.Length} bytes: the test files stay small");

        var response = await UploadAsync(client, file, name, await TokenFrom(client, "/my/outside-training"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input_File\">", html, StringComparison.Ordinal);
        Assert.Equal(0, await site.Db(db => db.OutsideCertificates.CountAsync(c => c.PersonId == id)));
        Assert.Equal(0, await site.Db(db => db.AuditEvents.CountAsync(a => a.ActorId == id && a.Action == AuditActions.OutsideCertificateUploaded)));
    }

    [Fact]
    public async Task A_plain_PDF_and_a_picture_within_the_limits_are_accepted()
    {
        var (id, client) = await NewTraineeAsync();
        var token = await TokenFrom(client, "/my/outside-training");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, TestFiles.PlainPdf(), "certificate.pdf", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, TestFiles.BlankPng(6000, 4000), "photo.png", token)).StatusCode);
        Assert.Equal(2, await site.Db(db => db.OutsideCertificates.CountAsync(c => c.PersonId == id)));
    }

    [Fact]
    public async Task An_upload_over_the_request_limit_is_told_the_limit_and_nothing_is_written()
    {
        var (id, client) = await NewTraineeAsync();
        var token = await TokenFrom(client, "/my/outside-training");
        using var content = Form(token, new ByteArrayContent(new byte[100 * 1024 * 1024 + 1]), "scan.pdf");

        var response = await client.PostAsync("/my/outside-training", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("The file is too large; the most the institute accepts is 10 MB.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong on our side", html, StringComparison.Ordinal);
        Assert.Equal(0, await site.Db(db => db.OutsideCertificates.CountAsync(c => c.PersonId == id)));

        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        var cohort = await site.Db(db => db.Cohorts.Where(c => c.SiteId == DemoData.SiteA).Select(c => c.Id).FirstAsync());
        var roster = $"/sites/{DemoData.SiteA}/cohorts/{cohort}/roster";
        using var rosterForm = new MultipartFormDataContent { { new StringContent(await TokenFrom(coordinator, roster)), "__RequestVerificationToken" } };
        rosterForm.Add(new ByteArrayContent(new byte[5 * 1024 * 1024]), "upload", "roster.csv");
        var invitations = await site.Db(db => db.Invitations.CountAsync());
        var tooLarge = await coordinator.PostAsync($"{roster}?handler=Preview", rosterForm);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("The file is too large. A roster file can be up to 256 KB: split it into smaller files.", WebUtility.HtmlDecode(await tooLarge.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(invitations, await site.Db(db => db.Invitations.CountAsync()));
    }

    [Fact]
    public async Task An_uploaded_file_goes_back_only_as_a_sandboxed_download_never_cached()
    {
        var (id, client) = await NewTraineeAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, TestFiles.PlainPdf(), "certificate.pdf", await TokenFrom(client, "/my/outside-training"))).StatusCode);
        var stored = await site.Db(db => db.OutsideCertificates.SingleAsync(c => c.PersonId == id));
        var admin = await site.SignedIn(DemoAccounts.Admin);

        foreach (var (who, url) in new[] { (client, $"/my/outside-training?handler=File&id={stored.Id}"), (admin, $"/institute/credentials/outside/{stored.Id}?handler=File") })
        {
            var response = await who.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("default-src 'none'; sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.True(response.Headers.CacheControl?.NoStore, url);
        }
    }

    private async Task<(string Id, HttpClient Client)> NewTraineeAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = "Casey Morgan", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(person, DemoAccounts.Password)).Succeeded);
            await users.AddToRoleAsync(person, Roles.Trainee);
        }
        return (await Seed.PersonIdAsync(site.Services, email), await site.SignedIn(email));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string name, string token)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "application/pdf");
        using var content = Form(token, part, name);
        return await client.PostAsync("/my/outside-training", content);
    }

    private static MultipartFormDataContent Form(string token, HttpContent file, string name)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Harm Reduction Works"), "Input.ProviderName" },
            { new StringContent("HIV and Hepatitis C Basics"), "Input.CourseTitle" },
            { new StringContent("2026-06-01"), "Input.CompletedOn" },
            { new StringContent("6"), "Input.Hours" },
        };
        content.Add(file, "Input.File", name);
        return content;
    }
}
