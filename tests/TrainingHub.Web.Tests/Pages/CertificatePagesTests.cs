using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class CertificatePagesTests(SiteFactory site)
{
    /// <summary>A certificate of its own for each test, issued by the real issuer (a fresh issue number on Terry's enrolment).</summary>
    private async Task<Certificate> IssuedAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var terry = await Seed.PersonIdAsync(site.Services, DemoAccounts.Trainee);
        var enrollment = await db.Enrollments.AsNoTracking().FirstAsync(e => e.PersonId == terry);
        return await scope.ServiceProvider.GetRequiredService<CertificateIssuer>()
            .IssueAsync(enrollment.Id, enrollment.CourseVersion, Random.Shared.Next(1000, int.MaxValue), null, null, default);
    }

    private async Task<T> Db<T>(Func<TrainingHubDb, Task<T>> read)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TrainingHubDb>());
    }

    [Theory]
    [InlineData("", "true", "Say why the certificate is revoked.")]
    [InlineData("Printed with the wrong name", "", "Tick the box to confirm that this certificate should stop being valid.")]
    public async Task Revoking_without_a_reason_or_the_tick_shows_the_message_beside_the_field_and_writes_nothing(string reason, string confirmed, string message)
    {
        var certificate = await IssuedAsync();
        var admin = await site.SignedIn(DemoAccounts.Admin);
        var url = $"/admin/certificates/{certificate.Id}";
        var fields = new Dictionary<string, string> { ["Revoke.Reason"] = reason };
        if (confirmed.Length > 0) fields["Revoke.Confirmed"] = confirmed;

        var response = await SiteFactory.PostForm(admin, $"{url}?handler=Revoke", fields, url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Please check the form", html, StringComparison.Ordinal);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.False(await Db(db => db.CertificateRevocations.AnyAsync(r => r.CertificateId == certificate.Id)));
        Assert.False(await Db(db => db.OutboxMessages.AnyAsync(m => m.Key == $"certificate-revoked-email/{certificate.Id}")));
    }

    [Fact]
    public async Task An_admin_opens_a_certificate_from_the_list_revokes_it_with_a_reason_the_trainee_then_reads_and_reissues_it()
    {
        var certificate = await IssuedAsync();
        var admin = await site.SignedIn(DemoAccounts.Admin);
        var list = await admin.GetStringAsync("/admin/certificates");
        Assert.Contains($"/admin/certificates/{certificate.Id}", list, StringComparison.Ordinal);
        var url = $"/admin/certificates/{certificate.Id}";

        var revoked = await SiteFactory.PostForm(admin, $"{url}?handler=Revoke",
            new() { ["Revoke.Reason"] = "Printed with the wrong name", ["Revoke.Confirmed"] = "true" }, url);

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("The certificate is revoked.", await admin.GetStringAsync("/admin/certificates"), StringComparison.Ordinal);
        Assert.True(await Db(db => db.OutboxMessages.AnyAsync(m => m.Key == $"certificate-revoked-email/{certificate.Id}")));
        var trainee = await site.SignedIn(DemoAccounts.Trainee);
        Assert.Contains("Their reason: Printed with the wrong name", WebUtility.HtmlDecode(await trainee.GetStringAsync("/my/certificates")), StringComparison.Ordinal);

        var again = await SiteFactory.PostForm(admin, $"{url}?handler=Revoke", new() { ["Revoke.Reason"] = "Twice", ["Revoke.Confirmed"] = "true" }, url);
        Assert.Contains("This certificate is already revoked.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reissued = await SiteFactory.PostForm(admin, $"{url}?handler=Reissue", new() { ["Reissue.Reason"] = "Name corrected" }, url);
        Assert.Equal(HttpStatusCode.Redirect, reissued.StatusCode);
        var replacement = await Db(db => db.Certificates.AsNoTracking().SingleAsync(c => c.SupersedesId == certificate.Id));
        Assert.NotEqual(certificate.Code, replacement.Code);
        Assert.Contains($"Revoked, then reissued as {replacement.Code}", await admin.GetStringAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trainee_page_explains_the_badge_and_how_to_add_it_to_a_wallet_or_a_profile()
    {
        var certificate = await IssuedAsync();
        var trainee = await site.SignedIn(DemoAccounts.Trainee);

        var html = WebUtility.HtmlDecode(await trainee.GetStringAsync("/my/certificates"));

        Assert.Contains("Your digital badge", html, StringComparison.Ordinal);
        Assert.Contains("Open Badges 3.0", html, StringComparison.Ordinal);
        Assert.Contains("How to add it to a wallet app or a profile", html, StringComparison.Ordinal);
        Assert.Contains($"/verify/{certificate.Code}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_institute_admin_opens_a_certificate_and_an_unknown_one_is_not_found()
    {
        var certificate = await IssuedAsync();
        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        Assert.NotEqual(HttpStatusCode.OK, (await coordinator.GetAsync($"/admin/certificates/{certificate.Id}")).StatusCode);
        var admin = await site.SignedIn(DemoAccounts.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/certificates/{Guid.NewGuid()}")).StatusCode);
    }
}
