using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates;
using TrainingHub.Features.Enrollments;
using TrainingHub.Web.Tests.Pages;

namespace TrainingHub.Web.Tests.Infrastructure;

[Collection(SiteCollection.Name)]
public sealed partial class SecurityHeaderTests(SiteFactory site)
{
    [Fact]
    public async Task Every_response_denies_the_camera_the_microphone_and_the_location()
    {
        var admin = await site.SignedIn(DemoAccounts.Admin);
        foreach (var (client, url) in new[] { (site.Anonymous(), "/"), (site.Anonymous(), "/account/sign-in"), (site.Anonymous(), "/css/site.css"),
                     (site.Anonymous(), "/no-such-page"), (site.Anonymous(), "/.well-known/jwks.json"), (admin, "/dashboard"), (admin, "/jobs") })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.Headers.TryGetValues("Permissions-Policy", out var policy), $"{url} has no Permissions-Policy");
            var value = Assert.Single(policy);
            foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()" }) Assert.Contains(feature, value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Personal_downloads_are_kept_by_no_cache()
    {
        var (trainee, certificateId) = await TraineeWithCertificateAsync();
        var admin = await site.SignedIn(DemoAccounts.Admin);
        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        var traineeId = await Seed.PersonIdAsync(site.Services, DemoAccounts.Trainee);
        var downloads = new (HttpClient Client, string Url)[]
        {
            (trainee, "/my/hours?handler=Csv"),
            (trainee, "/my/credentials?handler=Packet&credential=icrc-pr&format=pdf"),
            (trainee, "/my/credentials?handler=Packet&credential=icrc-pr&format=csv"),
            (trainee, $"/my/certificates?handler=Pdf&id={certificateId}"),
            (trainee, $"/my/certificates?handler=Badge&id={certificateId}"),
            (coordinator, $"/sites/{DemoData.SiteA}/credentials/{traineeId}?handler=Packet&credential=icrc-pr&format=csv"),
            (coordinator, $"/sites/{DemoData.SiteA}/report?handler=Csv"),
            (admin, "/institute/reports?handler=Csv"),
        };
        foreach (var (client, url) in downloads)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore, $"{url} may be cached: {response.Headers.CacheControl}");
        }
        // Styles and scripts are not personal and stay cacheable.
        Assert.NotEqual(true, (await site.Anonymous().GetAsync("/css/site.css")).Headers.CacheControl?.NoStore);
    }

    /// <summary>The dashboard polls its figures with a POST carrying the antiforgery token; opened as an address (GET) they once answered 500.</summary>
    [Fact]
    public async Task The_jobs_statistics_answer_the_institute_admin_and_a_plain_visit_is_not_an_error()
    {
        var admin = await site.SignedIn(DemoAccounts.Admin);
        var dashboard = await admin.GetStringAsync("/jobs");
        var header = CsrfHeader().Match(dashboard);
        var token = CsrfToken().Match(dashboard);
        Assert.True(header.Success && token.Success, "The dashboard page carries no antiforgery token for its polling");
        using var poll = new HttpRequestMessage(HttpMethod.Post, "/jobs/stats")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("metrics[]", "servers:count"), KeyValuePair.Create("metrics[]", "retries:count")]),
        };
        poll.Headers.Add(header.Groups[1].Value, System.Net.WebUtility.HtmlDecode(token.Groups[1].Value));
        var post = await admin.SendAsync(poll);
        Assert.True(post.StatusCode == HttpStatusCode.OK, $"POST /jobs/stats: {post.StatusCode}");
        Assert.Contains("servers:count", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var visit = await admin.GetAsync("/jobs/stats");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, visit.StatusCode);
        var trainee = await (await site.SignedIn(DemoAccounts.Trainee)).GetAsync("/jobs/stats");
        Assert.Equal(HttpStatusCode.Redirect, trainee.StatusCode);
        Assert.StartsWith("/account/access-denied", trainee.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex CsrfHeader();

    [System.Text.RegularExpressions.GeneratedRegex("name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex CsrfToken();

    private async Task<(HttpClient Trainee, Guid CertificateId)> TraineeWithCertificateAsync()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        Guid certificateId;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = "Avery Stone", CreatedAt = DateTime.UtcNow };
            Assert.True((await sp.GetRequiredService<UserManager<Person>>().CreateAsync(person, DemoAccounts.Password)).Succeeded);
            await sp.GetRequiredService<UserManager<Person>>().AddToRoleAsync(person, Roles.Trainee);
            var db = sp.GetRequiredService<TrainingHubDb>();
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteA, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var lessons = site.Services.GetRequiredService<CourseCatalog>().Find("mat")!.Lessons.Count();
        for (var i = 0; i < lessons; i++) await Seed.CreditLessonAsync(site.Services, email, "mat", i);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var personId = await Seed.PersonIdAsync(site.Services, email);
            var enrollment = await sp.GetRequiredService<TrainingHubDb>().Enrollments.SingleAsync(e => e.PersonId == personId);
            var version = sp.GetRequiredService<CourseCatalog>().Find("mat")!.Version;
            certificateId = (await sp.GetRequiredService<CertificateIssuer>().IssueAsync(enrollment.Id, version, 1, null, null, CancellationToken.None)).Id;
        }
        return (await site.SignedIn(email), certificateId);
    }
}
