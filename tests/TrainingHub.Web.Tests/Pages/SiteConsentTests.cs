using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Sessions;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>
/// The attacks of "a coordinator pulls a person of another site into their own", through the running site: a site's
/// membership changes only with the person's consent, and a record logged at one site stays that site's.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SiteConsentTests(SiteFactory site)
{
    private static readonly Guid A = DemoData.SiteA, B = DemoData.SiteB;

    /// <summary>A trainee of site B who signs in, made for one test so the shared demo people stay as they are.</summary>
    internal static async Task<(string Id, string Email)> TraineeOfB(TrainingHubSite host, string name, Guid? alsoAt = null)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = name, CreatedAt = DateTime.UtcNow.AddDays(-30) };
        Assert.True((await users.CreateAsync(person, DemoAccounts.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(person, Roles.Trainee)).Succeeded);
        db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = B, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = DateTime.UtcNow.AddDays(-30) });
        if (alsoAt is { } other)
        {
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = other, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = DateTime.UtcNow });
        }
        await db.SaveChangesAsync();
        return (person.Id, email);
    }

    private static bool Refused(HttpResponseMessage r) =>
        r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal));

    [Fact]
    public async Task A_site_A_coordinator_inviting_a_site_B_trainee_makes_a_pending_invitation_not_a_membership_and_sees_none_of_their_records()
    {
        var (noor, email) = await TraineeOfB(site, "Noor Haddad");
        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        var invited = await SiteFactory.PostForm(coordinator, $"/sites/{A}/people?handler=Invite", new()
        {
            ["Input.FullName"] = "Noor Haddad", ["Input.Email"] = email, ["Input.Role"] = Roles.Trainee, ["Input.CohortId"] = DemoData.CohortA.ToString(),
        }, formPage: $"/sites/{A}/people");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        Assert.False(await site.Db(db => db.SiteMemberships.AnyAsync(m => m.PersonId == noor && m.SiteId == A)));
        Assert.False(await site.Db(db => db.Enrollments.AnyAsync(e => e.PersonId == noor && e.CohortId == DemoData.CohortA)));
        Assert.True(await site.Db(db => db.Invitations.AnyAsync(i => i.PersonId == noor && i.SiteId == A && i.AcceptedAt == null)));
        foreach (var url in new[] { $"/sites/{A}/credentials/{noor}", $"/sites/{A}/credentials/{noor}?handler=Packet", $"/sites/{A}/credentials/{noor}?handler=Packet&format=pdf" })
        {
            var response = await coordinator.GetAsync(url);
            Assert.True(Refused(response), $"{url} answered {(int)response.StatusCode}");
        }
        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);
        Assert.True(Refused(await supervisor.GetAsync($"/sites/{A}/credentials/{noor}")));
        // The coordinator sees whom they are waiting for, apart from the site's people.
        var people = Decoded(await coordinator.GetStringAsync($"/sites/{A}/people"));
        var waiting = people[people.IndexOf("Waiting to accept", StringComparison.Ordinal)..];
        Assert.Contains($"<strong>Noor Haddad</strong> ({email}), invited as", waiting, StringComparison.Ordinal);

        // The invitation says plainly which site asks; someone else signed in cannot accept it for her.
        var join = site.LatestJoinPath(email);
        var asCoordinator = Decoded(await coordinator.GetStringAsync(join));
        Assert.Contains("Harbor Light Recovery Center invites you", asCoordinator, StringComparison.Ordinal);
        Assert.Contains($"This invitation is for {email}.", asCoordinator, StringComparison.Ordinal);
        var stolen = await SiteFactory.PostForm(coordinator, join + "?handler=Accept", new(), formPage: "/dashboard");
        Assert.Contains("Sign in with it, then open the link again to accept.", Decoded(await stolen.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await site.Db(db => db.SiteMemberships.AnyAsync(m => m.PersonId == noor && m.SiteId == A)));

        // She accepts, signed in as herself: only now does site A's staff see her credential page, and it is audited.
        var her = await site.SignedIn(email);
        Assert.Contains("Accept and join Harbor Light Recovery Center", Decoded(await her.GetStringAsync(join)), StringComparison.Ordinal);
        var accepted = await SiteFactory.PostForm(her, join + "?handler=Accept", new(), formPage: join);
        Assert.Contains("You have joined Harbor Light Recovery Center", Decoded(await accepted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(await site.Db(db => db.SiteMemberships.AnyAsync(m => m.PersonId == noor && m.SiteId == A && m.Role == Roles.Trainee)));
        Assert.True(await site.Db(db => db.AuditEvents.AnyAsync(e => e.ActorId == noor && e.Action == SiteAuditActions.InvitationAccepted)));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/sites/{A}/credentials/{noor}")).StatusCode);
        Assert.DoesNotContain($"<strong>Noor Haddad</strong> ({email})", Decoded(await coordinator.GetStringAsync($"/sites/{A}/people")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_A_supervisor_can_neither_see_nor_decide_practicum_logged_at_site_B_by_a_trainee_now_at_both_sites()
    {
        var (noor, _) = await TraineeOfB(site, "Ines Varga", alsoAt: A);
        var entry = new PracticumEntry
        {
            Id = Guid.NewGuid(), PersonId = noor, SiteId = B, Kind = PracticumKind.Experience, Date = new DateOnly(2026, 10, 5), Hours = 3, Domain = "advocacy",
            Description = "Logged at Riverside for the isolation check", LoggedAt = DateTime.UtcNow.AddDays(-20),
        };
        await site.Db(async db => { db.PracticumEntries.Add(entry); return await db.SaveChangesAsync(); });

        var dennis = await site.SignedIn(DemoAccounts.Supervisor);
        Assert.DoesNotContain($"Practicum:{entry.Id}", await dennis.GetStringAsync("/supervise"), StringComparison.Ordinal);
        var form = new Dictionary<string, string>
        {
            ["Selected"] = $"Practicum:{entry.Id}", ["Input.AttestationConfirmed"] = "true", ["Input.TypedName"] = "Dennis Okafor", ["Input.Password"] = DemoAccounts.Password,
        };
        var approve = await SiteFactory.PostForm(dennis, "/supervise?handler=Approve", form, formPage: "/supervise");
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        var reject = await SiteFactory.PostForm(dennis, "/supervise?handler=Reject", new() { ["Selected"] = $"Practicum:{entry.Id}", ["Input.Reason"] = "Not mine to decide" }, formPage: "/supervise");
        Assert.Equal(HttpStatusCode.Forbidden, reject.StatusCode);
        Assert.False(await site.Db(db => db.SignOffItems.AnyAsync(i => i.SubjectId == entry.Id)));

        // Site B's supervisor, where it was logged, sees it.
        var priya = await site.SignedIn(DemoAccounts.SupervisorB);
        Assert.Contains($"Practicum:{entry.Id}", await priya.GetStringAsync("/supervise"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trainee_at_two_sites_chooses_where_practicum_hours_are_logged_and_cannot_log_them_at_a_site_not_theirs()
    {
        var (ines, email) = await TraineeOfB(site, "Ines Okoro", alsoAt: A);
        var trainee = await site.SignedIn(email);
        var page = Decoded(await trainee.GetStringAsync("/my/practicum"));
        Assert.Contains("<option value=\"" + A + "\" data-content>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"" + B + "\" data-content>", page, StringComparison.Ordinal);

        Dictionary<string, string> Form(string? siteId)
        {
            var form = new Dictionary<string, string>
            {
                ["Input.Kind"] = "Experience", ["Input.Date"] = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd"), ["Input.Hours"] = "2",
                ["Input.Domain"] = "advocacy", ["Input.Description"] = "Peer support at the drop-in center",
            };
            if (siteId is not null) form["Input.SiteId"] = siteId;
            return form;
        }

        var unchosen = await SiteFactory.PostForm(trainee, "/my/practicum", Form(null));
        Assert.Contains("Choose the site these hours were for: its supervisors sign them off.", Decoded(await unchosen.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var foreign = await SiteFactory.PostForm(trainee, "/my/practicum", Form(Guid.NewGuid().ToString()));
        Assert.Contains("Choose one of the sites where you are a trainee.", Decoded(await foreign.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await site.Db(db => db.PracticumEntries.AnyAsync(p => p.PersonId == ines)));

        var logged = await SiteFactory.PostForm(trainee, "/my/practicum", Form(A.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        Assert.Equal(A, await site.Db(db => db.PracticumEntries.Where(p => p.PersonId == ines).Select(p => p.SiteId).SingleAsync()));
    }

    /// <summary>A session of site A's cohort, and an enrolment in its course (in no cohort) for the person.</summary>
    internal static async Task<Guid> SessionOfCohortA(TrainingHubSite host, string personId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var catalog = scope.ServiceProvider.GetRequiredService<TrainingHub.Content.CourseCatalog>();
        var course = catalog.Find("recovery-coach")!;
        var facilitator = await db.Users.Where(u => u.Email == DemoAccounts.Facilitator).Select(u => u.Id).SingleAsync();
        var session = new LiveSession
        {
            Id = Guid.NewGuid(), CohortId = DemoData.CohortA, CourseId = course.Id, LessonId = course.Lessons.First(l => l.Delivery != TrainingHub.Content.LessonDelivery.SelfPaced).Id,
            StartsAt = DateTime.UtcNow.AddDays(-1), DurationMinutes = 60, Place = "Room 2", ScheduledById = facilitator, CreatedAt = DateTime.UtcNow.AddDays(-2),
        };
        db.LiveSessions.Add(session);
        db.Enrollments.Add(new Enrollment
        {
            Id = Guid.NewGuid(), PersonId = personId, CourseId = course.Id, CourseVersion = course.Version, ContentHash = course.ContentHash, Status = EnrollmentStatus.Active,
            EnrolledAt = DateTime.UtcNow.AddDays(-10),
        });
        await db.SaveChangesAsync();
        return session.Id;
    }
}

/// <summary>The same attack where the institute allows make-ups across sites: the trainee joins the list only when they accept.</summary>
public sealed class CrossSiteMakeUpTests : IAsyncLifetime
{
    private readonly SiteFactory _site = new();

    public Task InitializeAsync()
    {
        _site.Settings["Institute:AllowCrossSiteMakeUps"] = "true";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Where_the_institute_allows_it_another_sites_trainee_is_asked_and_joins_the_list_only_when_they_accept()
    {
        _ = _site.Server;
        var (kofi, email) = await SiteConsentTests.TraineeOfB(_site, "Kofi Mensah");
        var session = await SiteConsentTests.SessionOfCohortA(_site, kofi);
        var sam = await _site.SignedIn(DemoAccounts.Facilitator);
        var asked = await SiteFactory.PostForm(sam, $"/facilitate/sessions/{session}?handler=MakeUp", new() { ["MakeUpEmail"] = email }, formPage: $"/facilitate/sessions/{session}");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("they were asked first", Decoded(await sam.GetStringAsync(asked.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        Assert.False(await _site.Db(db => db.AttendanceRecords.AnyAsync(r => r.SessionId == session && r.PersonId == kofi)));

        var kofiClient = await _site.SignedIn(email);
        var page = Decoded(await kofiClient.GetStringAsync("/my/make-ups"));
        Assert.Contains("Harbor Light Recovery Center", page, StringComparison.Ordinal);
        var request = await _site.Db(db => db.MakeUpRequests.Where(r => r.PersonId == kofi).Select(r => r.Id).SingleAsync());

        // Another trainee cannot accept it for them.
        var terry = await _site.SignedIn(DemoAccounts.Trainee);
        var notTheirs = await SiteFactory.PostForm(terry, "/my/make-ups", new() { ["RequestId"] = request.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.False(await _site.Db(db => db.AttendanceRecords.AnyAsync(r => r.SessionId == session && r.PersonId == kofi)));

        var accepted = await SiteFactory.PostForm(kofiClient, "/my/make-ups", new() { ["RequestId"] = request.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(await _site.Db(db => db.AttendanceRecords.AnyAsync(r => r.SessionId == session && r.PersonId == kofi && r.MakeUp)));
        Assert.True(await _site.Db(db => db.AuditEvents.AnyAsync(e => e.ActorId == kofi && e.Action == AuditActions.MakeUpAccepted)));
    }
}

/// <summary>On a site of its own, as it adds a session to site A's cohort that the shared site's pages would list.</summary>
public sealed class SameSiteMakeUpTests : IAsyncLifetime
{
    private readonly SiteFactory site = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public async Task A_facilitator_cannot_add_another_sites_trainee_as_a_make_up_where_the_institute_does_not_allow_it()
    {
        var (noor, email) = await SiteConsentTests.TraineeOfB(site, "Kofi Mensah");
        var session = await SiteConsentTests.SessionOfCohortA(site, noor);
        var sam = await site.SignedIn(DemoAccounts.Facilitator);
        var response = await SiteFactory.PostForm(sam, $"/facilitate/sessions/{session}?handler=MakeUp", new() { ["MakeUpEmail"] = email }, formPage: $"/facilitate/sessions/{session}");
        Assert.Contains(AddMakeUpAttendee.NotFound, Decoded(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await site.Db(db => db.AttendanceRecords.AnyAsync(r => r.SessionId == session)));
        Assert.False(await site.Db(db => db.MakeUpRequests.AnyAsync(r => r.SessionId == session)));
    }

}
