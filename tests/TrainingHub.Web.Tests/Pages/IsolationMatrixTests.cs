using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>
/// Every site page and handler, tried by site A's staff against site B's ids (and site B's cohort under site A's
/// address): each answer is a refusal, none shows site B's data, and nothing is written. A trainee is refused every
/// site page, even their own site's, and sees only their own records.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class IsolationMatrixTests(SiteFactory site)
{
    private static readonly Guid A = DemoData.SiteA, B = DemoData.SiteB, CohortB = DemoData.CohortB;

    /// <summary>Words that only site B's pages would show.</summary>
    private static readonly string[] SiteBWords = ["Riverside", "Lena Brooks", "Grace Mensah", "Priya Shah", "Spring 2027 Ethics cohort", "45 River Road"];

    public sealed record Request(string Method, string Url, Dictionary<string, string>? Form = null)
    {
        public override string ToString() => $"{Method} {Url}";
    }

    /// <summary>Every page and handler that takes a site or cohort id, aimed at site B (read, list, export and change).</summary>
    private static IReadOnlyList<Request> SiteBRequests(string lenaId) =>
    [
        new("GET", $"/sites/{B}/people"),
        new("GET", $"/sites/{B}/cohorts"),
        new("GET", $"/sites/{B}/cohorts/{CohortB}"),
        new("GET", $"/sites/{B}/cohorts/{CohortB}/roster"),
        new("GET", $"/sites/{B}/report"),
        new("GET", $"/sites/{B}/report?handler=Csv"),
        new("GET", $"/sites/{B}/onboarding"),
        new("GET", $"/sites/{A}/cohorts/{CohortB}"),
        new("GET", $"/sites/{A}/cohorts/{CohortB}/roster"),
        new("GET", $"/facilitate/cohorts/{CohortB}/quizzes"),
        new("GET", $"/institute/sites/{B}"),
        new("GET", "/institute/sites"),
        new("GET", "/institute/reports"),
        new("GET", "/institute/reports?handler=Csv"),
        new("GET", "/institute/facilitators"),
        new("POST", $"/sites/{B}/people?handler=Invite", new() { ["Input.FullName"] = "Intruder", ["Input.Email"] = "intruder@example.org", ["Input.Role"] = Roles.Supervisor }),
        new("POST", $"/sites/{B}/people?handler=Resend", new() { ["personId"] = lenaId }),
        new("POST", $"/sites/{B}/cohorts", new() { ["Input.Name"] = "Taken over", ["Input.CourseId"] = "mat", ["Input.StartsOn"] = "2027-05-03", ["Input.DeliveryMode"] = "InPerson", ["Input.Capacity"] = "5" }),
        new("POST", $"/sites/{B}/cohorts/{CohortB}?handler=Invite", new() { ["Invite.FullName"] = "Intruder", ["Invite.Email"] = "intruder@example.org" }),
        new("POST", $"/sites/{B}/cohorts/{CohortB}?handler=Details", new() { ["Input.Name"] = "Renamed", ["Input.CourseId"] = "ethics", ["Input.StartsOn"] = "2027-03-01", ["Input.DeliveryMode"] = "InPerson", ["Input.Capacity"] = "1" }),
        new("POST", $"/sites/{A}/cohorts/{CohortB}?handler=Details", new() { ["Input.Name"] = "Renamed", ["Input.CourseId"] = "ethics", ["Input.StartsOn"] = "2027-03-01", ["Input.DeliveryMode"] = "InPerson", ["Input.Capacity"] = "1" }),
        new("POST", $"/sites/{B}/cohorts/{CohortB}/roster?handler=Preview", new()),
        new("POST", $"/sites/{B}/cohorts/{CohortB}/roster?handler=Apply", new() { ["Csv"] = "name,email\nIntruder,intruder@example.org\n" }),
        new("POST", $"/sites/{A}/cohorts/{CohortB}/roster?handler=Apply", new() { ["Csv"] = "name,email\nIntruder,intruder@example.org\n" }),
        new("POST", $"/sites/{B}/onboarding?handler=Profile", new() { ["Profile.StreetAddress"] = "1 Fake St", ["Profile.City"] = "X", ["Profile.PostalCode"] = "12345", ["Profile.ProgrammeType"] = "other", ["Profile.CredentialBoard"] = "other" }),
        new("POST", $"/sites/{B}/onboarding?handler=Checklist", new() { ["Checklist.Checks[0].ItemId"] = "agreement-signed", ["Checklist.Checks[0].Done"] = "true" }),
        new("POST", $"/sites/{B}/onboarding?handler=Submit", new()),
        new("POST", $"/institute/sites/{B}?handler=Activate", new()),
        new("POST", $"/institute/sites/{B}?handler=SendBack", new() { ["Input.Note"] = "No" }),
        new("POST", $"/institute/sites/{B}?handler=Resend", new() { ["personId"] = lenaId }),
        new("POST", "/institute/sites/invite", new() { ["Input.SiteName"] = "Intruder site", ["Input.State"] = "NY", ["Input.CoordinatorName"] = "X Y", ["Input.CoordinatorEmail"] = "intruder@example.org" }),
        new("POST", "/institute/facilitators", new() { ["personId"] = lenaId, ["courseIds"] = "mat" }),
    ];

    /// <summary>Site A's own pages, which a trainee of site A is refused too.</summary>
    private static IReadOnlyList<Request> SiteARequests() =>
    [
        new("GET", "/sites"),
        new("GET", $"/sites/{A}/people"),
        new("GET", $"/sites/{A}/cohorts"),
        new("GET", $"/sites/{A}/cohorts/{DemoData.CohortA}"),
        new("GET", $"/sites/{A}/cohorts/{DemoData.CohortA}/roster"),
        new("GET", $"/sites/{A}/report"),
        new("GET", $"/sites/{A}/report?handler=Csv"),
        new("GET", "/institute"),
        new("POST", $"/sites/{A}/cohorts/{DemoData.CohortA}/roster?handler=Apply", new() { ["Csv"] = "name,email\nIntruder,intruder@example.org\n" }),
        new("POST", $"/sites/{A}/people?handler=Invite", new() { ["Input.FullName"] = "Intruder", ["Input.Email"] = "intruder@example.org", ["Input.Role"] = Roles.Supervisor }),
    ];

    private sealed record Snapshot(int Sites, int Profiles, int Checks, int Cohorts, int Memberships, int Enrollments, int Invitations, int People, int Approvals,
        int ChangeEvents, string SiteB, string CohortBName, int Mail);

    private Task<Snapshot> Take() => site.Db(async db => new Snapshot(
        await db.Sites.CountAsync(), await db.SiteProfiles.CountAsync(), await db.ReadinessChecks.CountAsync(), await db.Cohorts.CountAsync(),
        await db.SiteMemberships.CountAsync(), await db.Enrollments.CountAsync(), await db.Invitations.CountAsync(), await db.Users.CountAsync(),
        await db.FacilitatorApprovals.CountAsync(a => a.RevokedAt == null),
        await db.AuditEvents.CountAsync(e => !e.Action.StartsWith("account.")),
        await db.Sites.Where(s => s.Id == B).Select(s => s.Name + "|" + s.Status).SingleAsync(),
        await db.Cohorts.Where(c => c.Id == CohortB).Select(c => c.Name + "|" + c.Capacity).SingleAsync(),
        site.MailCount()));

    private static async Task<(HttpStatusCode Status, string? Location, string Body)> Send(HttpClient client, Request request, string token)
    {
        var response = request.Method == "GET"
            ? await client.GetAsync(request.Url)
            : await PostWithToken(client, request.Url, new Dictionary<string, string>(request.Form ?? []), token);
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
        return (response.StatusCode, location, await response.Content.ReadAsStringAsync());
    }

    private static bool Refused((HttpStatusCode Status, string? Location, string Body) r) =>
        r.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (r.Status == HttpStatusCode.Redirect && r.Location!.StartsWith("/account/access-denied", StringComparison.Ordinal));

    [Theory]
    [InlineData(DemoAccounts.Coordinator)]
    [InlineData(DemoAccounts.Supervisor)]
    [InlineData(DemoAccounts.Facilitator)]
    public async Task Site_A_staff_can_neither_read_list_export_nor_change_anything_of_site_B(string email)
    {
        var client = await site.SignedIn(email);
        var token = await TokenFrom(client, "/dashboard");
        var lena = await site.Db(db => db.Users.Where(u => u.Email == DemoAccounts.TraineeB).Select(u => u.Id).SingleAsync());
        var before = await Take();

        var problems = new List<string>();
        foreach (var request in SiteBRequests(lena))
        {
            var result = await Send(client, request, token);
            if (!Refused(result)) problems.Add($"{request} answered {(int)result.Status} {result.Location}");
            var leaked = SiteBWords.Where(w => result.Body.Contains(w, StringComparison.Ordinal)).ToList();
            if (leaked.Count > 0) problems.Add($"{request} showed {string.Join(", ", leaked)}");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(before, await Take());
    }

    [Fact]
    public async Task Site_A_staff_pages_list_only_site_A()
    {
        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        foreach (var url in new[] { "/sites", $"/sites/{A}/people", $"/sites/{A}/cohorts", $"/sites/{A}/report", $"/sites/{A}/report?handler=Csv", "/facilitate" })
        {
            var body = await coordinator.GetStringAsync(url);
            Assert.DoesNotContain(SiteBWords, w => body.Contains(w, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_trainee_is_refused_every_site_page_even_of_their_own_site_and_nothing_is_written()
    {
        var client = await site.SignedIn(DemoAccounts.Trainee);
        var token = await TokenFrom(client, "/dashboard");
        var lena = await site.Db(db => db.Users.Where(u => u.Email == DemoAccounts.TraineeB).Select(u => u.Id).SingleAsync());
        var before = await Take();

        var problems = new List<string>();
        foreach (var request in SiteARequests().Concat(SiteBRequests(lena)))
        {
            var result = await Send(client, request, token);
            if (!Refused(result)) problems.Add($"{request} answered {(int)result.Status} {result.Location}");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(before, await Take());
    }

    [Fact]
    public async Task A_trainee_sees_only_their_own_record_not_that_of_another_trainee_at_the_same_site()
    {
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var other = new Person { UserName = "jo.quinn@example.org", Email = "jo.quinn@example.org", FullName = "Jo Quinn", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(other)).Succeeded);
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = A, PersonId = other.Id, Role = Roles.Trainee, CreatedAt = DateTime.UtcNow });
            var enrollment = new Enrollment { Id = Guid.NewGuid(), PersonId = other.Id, CourseId = "ethics", CourseVersion = "1", ContentHash = new string('0', 64), Status = EnrollmentStatus.Active, EnrolledAt = DateTime.UtcNow };
            db.Enrollments.Add(enrollment);
            db.HoursEntries.Add(new HoursEntry
            {
                Id = Guid.NewGuid(), PersonId = other.Id, EnrollmentId = enrollment.Id, CourseId = "ethics", CourseVersion = "1", Hours = 0.25m, Domain = "advocacy",
                DomainTags = "advocacy", Delivery = HoursDelivery.InPerson, CompletedOn = new DateOnly(2027, 1, 12), Source = HoursSource.Correction,
                Status = HoursStatus.Credited, Reason = "isolation check for Jo only", RecordedAt = DateTime.UtcNow, IdempotencyKey = $"isolation-{Guid.NewGuid()}",
            });
            await db.SaveChangesAsync();
        }

        var terry = await site.SignedIn(DemoAccounts.Trainee);
        foreach (var url in new[] { "/my/hours", "/my/hours?handler=Csv", "/dashboard" })
        {
            var response = await terry.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("isolation check for Jo only", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Jo Quinn", body, StringComparison.Ordinal);
        }
    }
}
