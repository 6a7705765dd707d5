using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Shared;
using TrainingHub.Features.SignOffs;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class SignOffPagesTests(SiteFactory site)
{
    private static Dictionary<string, string> Approval(Guid entry, string name = "Dennis Okafor", string? password = null) => new()
    {
        ["Selected"] = $"Hours:{entry}",
        ["Input.AttestationConfirmed"] = "true",
        ["Input.TypedName"] = name,
        ["Input.Password"] = password ?? DemoAccounts.Password,
    };

    private async Task<List<HoursEntry>> Entries(string personEmail)
    {
        var id = await Seed.PersonIdAsync(site.Services, personEmail);
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().HoursEntries.AsNoTracking().Where(h => h.PersonId == id).ToListAsync();
    }

    [Fact]
    public async Task Ethics_hours_wait_for_sign_off_and_a_supervisor_approves_them_with_name_and_password()
    {
        var entry = await Seed.CreditLessonAsync(site.Services, DemoAccounts.Trainee, "ethics", 1);
        var trainee = await site.SignedIn(DemoAccounts.Trainee);
        Assert.Contains("Waiting for sign-off", await trainee.GetStringAsync("/my/hours"), StringComparison.Ordinal);

        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);
        var queue = await supervisor.GetStringAsync("/supervise");
        Assert.Contains("Terry Jackson", queue, StringComparison.Ordinal);
        Assert.Contains($"Hours:{entry}", queue, StringComparison.Ordinal);

        var wrongName = await SiteFactory.PostForm(supervisor, "/supervise?handler=Approve", Approval(entry, name: "Someone Else"), formPage: "/supervise");
        Assert.Contains("Type your full name as it is on your account: Dennis Okafor.", await wrongName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrongPassword = await SiteFactory.PostForm(supervisor, "/supervise?handler=Approve", Approval(entry, password: "not my password"), formPage: "/supervise");
        Assert.Contains("That password is not right.", await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unconfirmed = Approval(entry);
        unconfirmed.Remove("Input.AttestationConfirmed");
        var noTick = await SiteFactory.PostForm(supervisor, "/supervise?handler=Approve", unconfirmed, formPage: "/supervise");
        Assert.Contains("Tick the box to confirm the statement.", await noTick.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await Entries(DemoAccounts.Trainee), h => h.Status == HoursStatus.Credited && h.ReversesEntryId is null && h.IdempotencyKey.StartsWith("signoff/", StringComparison.Ordinal));

        var approved = await SiteFactory.PostForm(supervisor, "/supervise?handler=Approve", Approval(entry), formPage: "/supervise");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var confirmation = await supervisor.GetStringAsync("/supervise");
        Assert.Contains("Signed off 1 item. The trainee will get an email.", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", confirmation, StringComparison.Ordinal);

        var entries = await Entries(DemoAccounts.Trainee);
        var pending = entries.Single(h => h.Id == entry);
        Assert.Equal(HoursStatus.Pending, pending.Status);
        Assert.Contains(entries, h => h.ReversesEntryId == entry && h.Hours == -pending.Hours);
        Assert.Contains(entries, h => h.Status == HoursStatus.Credited && h.LessonId == pending.LessonId && h.Hours == pending.Hours
            && h.IdempotencyKey.StartsWith("signoff/", StringComparison.Ordinal) && h.Reason == "signed off by Dennis Okafor");

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var signOff = await db.SignOffs.AsNoTracking().OrderByDescending(s => s.SignedAt).FirstAsync();
            Assert.Equal("Dennis Okafor", signOff.TypedName);
            Assert.Equal(SignOffDecision.Approved, signOff.Decision);
            Assert.StartsWith("I attest that I supervised this trainee", signOff.Statement, StringComparison.Ordinal);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.SignOffApproved && a.Subject == $"signoff/{signOff.Id}"));
        }
        await site.DispatchOutboxAsync();
        var mail = Directory.GetFiles(site.MailFolder).Select(File.ReadAllText).ToList();
        Assert.Contains(mail, m => m.Contains("Subject: Your hours were signed off", StringComparison.Ordinal) && m.Contains(DemoAccounts.Trainee, StringComparison.Ordinal));
        Assert.DoesNotContain($"Hours:{entry}", await supervisor.GetStringAsync("/supervise"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_of_site_A_cannot_sign_off_a_trainee_of_site_B()
    {
        var entry = await Seed.CreditLessonAsync(site.Services, DemoAccounts.TraineeB, "ethics", 2);
        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);
        Assert.DoesNotContain($"Hours:{entry}", await supervisor.GetStringAsync("/supervise"), StringComparison.Ordinal);
        var response = await SiteFactory.PostForm(supervisor, "/supervise?handler=Approve", Approval(entry), formPage: "/supervise");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You can only sign off hours logged at your own site.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await Entries(DemoAccounts.TraineeB), h => h.ReversesEntryId == entry);
    }

    [Fact]
    public async Task A_supervisor_cannot_sign_off_their_own_hours()
    {
        var dennis = await Seed.PersonIdAsync(site.Services, DemoAccounts.Supervisor);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            if (!await db.SiteMemberships.AnyAsync(m => m.PersonId == dennis && m.Role == Roles.Trainee))
            {
                db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), PersonId = dennis, SiteId = DemoData.SiteA, Role = Roles.Trainee, CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
        }
        var entry = await Seed.CreditLessonAsync(site.Services, DemoAccounts.Supervisor, "ethics", 3);
        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);
        var response = await SiteFactory.PostForm(supervisor, "/supervise?handler=Approve", Approval(entry), formPage: "/supervise");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You cannot sign off your own hours.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoAccounts.Coordinator)]
    [InlineData(DemoAccounts.Trainee)]
    [InlineData(DemoAccounts.Facilitator)]
    public async Task Only_supervisors_open_the_sign_off_queue(string email)
    {
        var client = await site.SignedIn(email);
        var response = await client.GetAsync("/supervise");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_without_the_supervisor_role_is_refused_by_the_handler_too()
    {
        var entry = await Seed.CreditLessonAsync(site.Services, DemoAccounts.Trainee, "ethics", 4);
        var coordinator = await Seed.PersonIdAsync(site.Services, DemoAccounts.Coordinator);
        await using var scope = site.Services.CreateAsyncScope();
        var e = await Assert.ThrowsAsync<TrainingHub.Features.Shared.ForbiddenException>(async () => await scope.ServiceProvider.GetRequiredService<ISender>().Send(
            new DecideSignOff.Command(coordinator, SignOffDecision.Approved, [new(SignOffSubject.Hours, entry)], "Rosa Alvarez", DemoAccounts.Password, true, null)));
        Assert.Equal("Only a supervisor of a site can sign off hours.", e.Message);
    }

    [Fact]
    public async Task A_supervisor_who_raises_their_own_years_after_a_refusal_is_still_refused_until_an_institute_admin_confirms()
    {
        // A supervisor of site B whose confirmed qualification is below the minimum (2 years).
        var email = $"ola.{Guid.NewGuid():N}@example.org";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Person>>();
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var ola = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = "Ola Berg", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(ola, DemoAccounts.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(ola, Roles.Supervisor)).Succeeded);
            var adminId0 = await db.Users.Where(u => u.Email == DemoAccounts.Admin).Select(u => u.Id).SingleAsync();
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteB, PersonId = ola.Id, Role = Roles.Supervisor, CreatedAt = DateTime.UtcNow });
            db.SupervisorProfiles.Add(new SupervisorProfile { PersonId = ola.Id, CredentialHeld = "CPRS", YearsSupervisingPeers = 1, UpdatedAt = DateTime.UtcNow, ConfirmedById = adminId0, ConfirmedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var entry = await Seed.CreditLessonAsync(site.Services, DemoAccounts.TraineeB, "ethics", 5);
        var olaClient = await site.SignedIn(email);
        var bad = await SiteFactory.PostForm(olaClient, "/supervise/profile", new() { ["Input.CredentialHeld"] = "", ["Input.YearsSupervisingPeers"] = "" });
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Enter the credential you hold", badHtml, StringComparison.Ordinal);
        Assert.Contains("Enter how many years you have supervised peers.", badHtml, StringComparison.Ordinal);
        Assert.Contains("The institute asks for at least 2 years supervising peers", await olaClient.GetStringAsync("/supervise"), StringComparison.Ordinal);
        Assert.Contains("The institute has confirmed 1 year.", await olaClient.GetStringAsync("/supervise"), StringComparison.Ordinal);
        // Read in Spanish, the refusal is Spanish with its numbers.
        var olaInSpanish = await site.SignedIn(email);
        olaInSpanish.DefaultRequestHeaders.AcceptLanguage.Add(new System.Net.Http.Headers.StringWithQualityHeaderValue("es-US"));
        var spanish = System.Net.WebUtility.HtmlDecode(await olaInSpanish.GetStringAsync("/supervise"));
        Assert.Contains("El instituto pide al menos 2 años de experiencia supervisando a pares, confirmados por el instituto, antes de aprobar horas. El instituto ha confirmado 1 año.", spanish, StringComparison.Ordinal);
        var refused = await SiteFactory.PostForm(olaClient, "/supervise?handler=Approve", Approval(entry, name: "Ola Berg"), formPage: "/supervise");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The attack: she raises her own years, and the same approval is still refused.
        await SiteFactory.PostForm(olaClient, "/supervise/profile", new() { ["Input.CredentialHeld"] = "CPRS", ["Input.YearsSupervisingPeers"] = "4" });
        Assert.Contains("Waiting for the institute to confirm: CPRS, 4 years.", await olaClient.GetStringAsync("/supervise/profile"), StringComparison.Ordinal);
        var stillRefused = await SiteFactory.PostForm(olaClient, "/supervise?handler=Approve", Approval(entry, name: "Ola Berg"), formPage: "/supervise");
        Assert.Equal(HttpStatusCode.Forbidden, stillRefused.StatusCode);
        Assert.False(await site.Db(db => db.SignOffItems.AnyAsync(i => i.SubjectId == entry)));

        // Only an institute admin confirms; a supervisor cannot open the page, and bad or stale input confirms nothing.
        var olaId = await Seed.PersonIdAsync(site.Services, email);
        Assert.True((await olaClient.GetAsync("/admin/supervisors")).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
        var admin = await site.SignedIn(DemoAccounts.Admin);
        Assert.Contains("/admin/supervisors", await admin.GetStringAsync("/institute"), StringComparison.Ordinal);
        Assert.Contains("Waiting for you: CPRS, 4 years", await admin.GetStringAsync("/admin/supervisors"), StringComparison.Ordinal);
        var stale = await SiteFactory.PostForm(admin, "/admin/supervisors", new() { ["SupervisorId"] = olaId, ["CredentialHeld"] = "CPRS", ["YearsSupervisingPeers"] = "9" });
        Assert.Contains("The supervisor changed their qualification after you opened this page.", SitePagesHelpers.Decoded(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var empty = await SiteFactory.PostForm(admin, "/admin/supervisors", new() { ["SupervisorId"] = "", ["CredentialHeld"] = "", ["YearsSupervisingPeers"] = "" });
        Assert.Contains("Choose the supervisor whose qualification you confirm.", SitePagesHelpers.Decoded(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var unknown = await SiteFactory.PostForm(admin, "/admin/supervisors", new() { ["SupervisorId"] = "no-such-person", ["CredentialHeld"] = "CPRS", ["YearsSupervisingPeers"] = "4" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var noToken = await admin.PostAsync("/admin/supervisors", new FormUrlEncodedContent(new Dictionary<string, string> { ["SupervisorId"] = olaId, ["CredentialHeld"] = "CPRS", ["YearsSupervisingPeers"] = "4" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(1, await site.Db(db => db.SupervisorProfiles.Where(p => p.PersonId == olaId).Select(p => p.YearsSupervisingPeers).SingleAsync()));

        var confirmed = await SiteFactory.PostForm(admin, "/admin/supervisors", new() { ["SupervisorId"] = olaId, ["CredentialHeld"] = "CPRS", ["YearsSupervisingPeers"] = "4" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var adminId = await Seed.PersonIdAsync(site.Services, DemoAccounts.Admin);
        Assert.True(await site.Db(db => db.AuditEvents.AnyAsync(e => e.ActorId == adminId && e.Action == AuditActions.SupervisorQualificationConfirmed && e.Subject == $"person/{olaId}")));
        var ok = await SiteFactory.PostForm(olaClient, "/supervise?handler=Approve", Approval(entry, name: "Ola Berg"), formPage: "/supervise");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        // The sign-off keeps the qualification in force when it was made; a later edit does not rewrite it.
        await SiteFactory.PostForm(olaClient, "/supervise/profile", new() { ["Input.CredentialHeld"] = "LMSW", ["Input.YearsSupervisingPeers"] = "30" });
        var signOff = await site.Db(db => db.SignOffs.Where(s => s.SupervisorId == olaId).SingleAsync());
        Assert.Equal(("CPRS", 4), (signOff.QualificationCredential, signOff.QualificationYears));
        Assert.NotNull(signOff.QualificationConfirmedAt);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_the_trainee_sees_and_the_trainee_can_resubmit()
    {
        var entry = await Seed.CreditLessonAsync(site.Services, DemoAccounts.Trainee, "ethics", 6);
        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);
        var noReason = await SiteFactory.PostForm(supervisor, "/supervise?handler=Reject", new() { ["Selected"] = $"Hours:{entry}" }, formPage: "/supervise");
        Assert.Contains("Say why, so the trainee knows what to put right.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rejected = await SiteFactory.PostForm(supervisor, "/supervise?handler=Reject", new() { ["Selected"] = $"Hours:{entry}", ["Input.Reason"] = "Please redo the case-study reflection with me first." }, formPage: "/supervise");
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Contains("1 item not signed off. The trainee will get your reason by email.", await supervisor.GetStringAsync("/supervise"), StringComparison.Ordinal);

        var trainee = await site.SignedIn(DemoAccounts.Trainee);
        var hours = await trainee.GetStringAsync("/my/hours");
        Assert.Contains("Not signed off: Please redo the case-study reflection with me first.", hours, StringComparison.Ordinal);
        var noNote = await SiteFactory.PostForm(trainee, "/my/hours?handler=Resubmit", new() { ["EntryId"] = entry.ToString() }, formPage: "/my/hours");
        Assert.Contains("Say what you did about the supervisor&#x27;s reason", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var resubmitted = await SiteFactory.PostForm(trainee, "/my/hours?handler=Resubmit", new() { ["EntryId"] = entry.ToString(), ["Note"] = "We went over it on Tuesday." }, formPage: "/my/hours");
        Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);
        var again = await SiteFactory.PostForm(trainee, "/my/hours?handler=Resubmit", new() { ["EntryId"] = entry.ToString(), ["Note"] = "Twice." }, formPage: "/my/hours");
        Assert.Contains("You have already sent these hours back for sign-off.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Terry Jackson", await supervisor.GetStringAsync("/supervise"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_institute_admin_revokes_a_sign_off_with_a_reason_and_the_hours_wait_again()
    {
        var entry = await Seed.CreditLessonAsync(site.Services, DemoAccounts.Trainee, "ethics", 7);
        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);
        await SiteFactory.PostForm(supervisor, "/supervise?handler=Approve", Approval(entry), formPage: "/supervise");
        Guid signOffId;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            signOffId = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().SignOffItems.Where(i => i.SubjectId == entry).Select(i => i.SignOffId).SingleAsync();
        }

        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync("/admin/sign-offs")).StatusCode);

        var admin = await site.SignedIn(DemoAccounts.Admin);
        var list = await admin.GetStringAsync("/admin/sign-offs");
        Assert.Contains("Terry Jackson, 1 item,", list, StringComparison.Ordinal);
        Assert.DoesNotContain("item(s)", list, StringComparison.Ordinal);
        var noReason = await SiteFactory.PostForm(admin, "/admin/sign-offs", new() { ["SignOffId"] = signOffId.ToString(), ["Reason"] = "" });
        Assert.Contains("Say why the sign-off is revoked.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var revoked = await SiteFactory.PostForm(admin, "/admin/sign-offs", new() { ["SignOffId"] = signOffId.ToString(), ["Reason"] = "Signed for the wrong trainee." });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var twice = await SiteFactory.PostForm(admin, "/admin/sign-offs", new() { ["SignOffId"] = signOffId.ToString(), ["Reason"] = "Again." });
        Assert.Contains("This sign-off is already revoked.", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var entries = await Entries(DemoAccounts.Trainee);
        var lesson = entries.Single(h => h.Id == entry).LessonId;
        var forLesson = entries.Where(h => h.LessonId == lesson).ToList();
        Assert.Equal(0m, forLesson.Where(h => h.Status == HoursStatus.Credited).Sum(h => h.Hours));
        Assert.Equal(forLesson.Single(h => h.Id == entry).Hours, forLesson.Where(h => h.Status == HoursStatus.Pending).Sum(h => h.Hours));
        Assert.Contains(forLesson, h => h.Reason == "sign-off revoked: Signed for the wrong trainee.");
    }

    [Fact]
    public async Task A_trainee_logs_practicum_hours_that_reach_the_supervisors_queue_and_bad_input_is_refused()
    {
        var trainee = await site.SignedIn(DemoAccounts.Trainee);
        var bad = await SiteFactory.PostForm(trainee, "/my/practicum", new() { ["Input.Kind"] = "Supervision", ["Input.Hours"] = "0.3", ["Input.Date"] = "2099-01-01" });
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("The date cannot be in the future.", html, StringComparison.Ordinal);
        Assert.Contains("Enter hours in quarter hours, for example 1.5 or 2.25.", html, StringComparison.Ordinal);
        Assert.Contains("Choose the domain these hours were about.", html, StringComparison.Ordinal);
        Assert.Contains("Describe in a few words what you did.", html, StringComparison.Ordinal);
        Assert.Contains("Enter the name of the supervisor who gave the supervision.", html, StringComparison.Ordinal);

        var ok = await SiteFactory.PostForm(trainee, "/my/practicum", new()
        {
            ["Input.Kind"] = "Experience", ["Input.Hours"] = "3.5", ["Input.Date"] = "2026-11-10", ["Input.Domain"] = "advocacy",
            ["Input.Setting"] = "Drop-in centre", ["Input.Description"] = "Ran the Tuesday recovery café",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("Waiting for your supervisor", await trainee.GetStringAsync("/my/practicum"), StringComparison.Ordinal);
        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);
        Assert.Contains("Ran the Tuesday recovery café", System.Net.WebUtility.HtmlDecode(await supervisor.GetStringAsync("/supervise")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daily_digest_emails_a_supervisor_with_pending_items_once_a_day()
    {
        await Seed.CreditLessonAsync(site.Services, DemoAccounts.Trainee, "ethics", 8);
        await using var scope = site.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new SendSupervisorDigests.Command());
        var second = await sender.Send(new SendSupervisorDigests.Command());
        Assert.Equal(0, second);
        var digests = Directory.GetFiles(site.MailFolder).Select(File.ReadAllText)
            .Where(m => m.Contains("wait for your sign-off", StringComparison.Ordinal) && m.Contains(DemoAccounts.Supervisor, StringComparison.Ordinal)).ToList();
        Assert.Single(digests);
    }
}
