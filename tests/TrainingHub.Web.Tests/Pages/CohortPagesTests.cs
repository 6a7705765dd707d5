using System.Net;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class CohortPagesTests(SiteFactory site)
{
    private const string Coordinator = DemoAccounts.Coordinator;
    private static readonly string Cohorts = $"/sites/{DemoData.SiteA}/cohorts";

    private async Task<(HttpClient Client, string CohortPath)> NewCohort(string name)
    {
        var client = await site.SignedIn(Coordinator);
        var created = await SiteFactory.PostForm(client, Cohorts, new()
        {
            ["Input.Name"] = name, ["Input.CourseId"] = "mat", ["Input.FacilitatorId"] = await site.Db(db => db.Users.Where(u => u.Email == DemoAccounts.Facilitator).Select(u => u.Id).SingleAsync()),
            ["Input.StartsOn"] = "2027-05-03", ["Input.Schedule"] = "Mondays, 6 pm to 8 pm", ["Input.DeliveryMode"] = "LiveVirtual", ["Input.Capacity"] = "10",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (client, created.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_create_cohort_form_names_each_problem_then_creates_the_cohort_which_the_facilitator_sees()
    {
        var client = await site.SignedIn(Coordinator);
        var count = await site.Db(db => db.Cohorts.CountAsync());
        var bad = await SiteFactory.PostForm(client, Cohorts, new()
        {
            ["Input.Name"] = "", ["Input.CourseId"] = "", ["Input.StartsOn"] = "not a date", ["Input.DeliveryMode"] = "Teleport", ["Input.Capacity"] = "lots",
        });
        var html = Decoded(await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        foreach (var message in new[] { "Give the cohort a name", "Choose the course this cohort takes.", "Enter the date of the first session.", "Choose how the cohort meets.", "Enter how many trainees the cohort can take." })
        {
            Assert.Contains(message, html, StringComparison.Ordinal);
        }
        Assert.Equal(count, await site.Db(db => db.Cohorts.CountAsync()));

        var (creator, path) = await NewCohort("Evening MAT group");
        Assert.Matches($"^/sites/{DemoData.SiteA}/cohorts/[0-9a-f-]{{36}}$", path);
        var cohortHtml = Decoded(await creator.GetStringAsync(path));
        Assert.Contains("The cohort is created. Now invite its trainees.", cohortHtml, StringComparison.Ordinal);
        Assert.Contains("Facilitator: Sam Whitfield · 0 of 10 places taken", cohortHtml, StringComparison.Ordinal);

        var facilitator = await site.SignedIn(DemoAccounts.Facilitator);
        Assert.Contains("Evening MAT group", await facilitator.GetStringAsync("/facilitate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_who_is_not_approved_for_the_course_is_refused_on_the_form()
    {
        var client = await site.SignedIn(Coordinator);
        var response = await SiteFactory.PostForm(client, Cohorts, new()
        {
            ["Input.Name"] = "Ethics group", ["Input.CourseId"] = "ethics", ["Input.StartsOn"] = "2027-05-03", ["Input.DeliveryMode"] = "InPerson", ["Input.Capacity"] = "10",
            ["Input.FacilitatorId"] = await site.Db(db => db.Users.Where(u => u.Email == DemoAccounts.Facilitator).Select(u => u.Id).SingleAsync()),
        });
        Assert.Contains("This facilitator is not approved by the institute to deliver this course.", Decoded(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_roster_is_previewed_with_its_problems_by_line_then_applied_and_a_second_upload_adds_no_one()
    {
        var (client, cohort) = await NewCohort("Roster test group");
        var roster = $"{cohort}/roster";
        var token = await TokenFrom(client, roster);
        const string csv = "name,email,role\nNoor Haddad,noor.haddad@example.org,trainee\nOwen Price,owen.price@example.org,facilitator\nBad Row,bad-address,trainee\n";

        var preview = await Upload(client, $"{roster}?handler=Preview", csv, token);
        var previewHtml = Decoded(await preview.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("2 people to invite · 0 already on the roster · 1 line with a problem", previewHtml, StringComparison.Ordinal);
        Assert.Contains("Line 4: \"bad-address\" is not an email address like name@example.org.", previewHtml, StringComparison.Ordinal);
        Assert.False(await site.Db(db => db.Users.AnyAsync(u => u.Email == "noor.haddad@example.org")));

        var mails = site.MailCount();
        var applied = await PostWithToken(client, $"{roster}?handler=Apply", new() { ["Csv"] = csv }, token);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var cohortHtml = Decoded(await client.GetStringAsync(cohort));
        Assert.Contains("2 people are invited. 1 line was left out.", cohortHtml, StringComparison.Ordinal);
        Assert.Contains("Noor Haddad", cohortHtml, StringComparison.Ordinal);
        Assert.Equal(mails + 2, site.MailCount());

        var people = await site.Db(db => db.Users.CountAsync());
        var again = Decoded(await (await Upload(client, $"{roster}?handler=Preview", csv, token)).Content.ReadAsStringAsync());
        Assert.Contains("0 people to invite · 2 already on the roster · 1 line with a problem", again, StringComparison.Ordinal);
        Assert.Contains("There is no one new to invite in this file.", again, StringComparison.Ordinal);
        var reapplied = await PostWithToken(client, $"{roster}?handler=Apply", new() { ["Csv"] = csv }, token);
        Assert.Equal(HttpStatusCode.Redirect, reapplied.StatusCode);
        Assert.Equal(people, await site.Db(db => db.Users.CountAsync()));
        Assert.Equal(1, await site.Db(db => db.Enrollments.CountAsync(e => e.PersonId == db.Users.Single(u => u.Email == "noor.haddad@example.org").Id)));
        Assert.Equal(mails + 2, site.MailCount());
    }

    [Fact]
    public async Task A_missing_or_unreadable_roster_file_is_explained_and_the_template_downloads()
    {
        var (client, cohort) = await NewCohort("Upload problems group");
        var roster = $"{cohort}/roster";
        var token = await TokenFrom(client, roster);

        var none = await PostWithToken(client, $"{roster}?handler=Preview", new(), token);
        Assert.Contains("Choose a roster file (CSV) to upload.", Decoded(await none.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var headerless = Decoded(await (await Upload(client, $"{roster}?handler=Preview", "Noor,noor@example.org\n", token)).Content.ReadAsStringAsync());
        Assert.Contains("Line 1: the first line must name the columns, for example name,email,role.", headerless, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Apply", headerless, StringComparison.Ordinal);
        var tooBig = await Upload(client, $"{roster}?handler=Preview", "name,email\n" + new string('x', 300 * 1024), token);
        Assert.Contains("The file is too large.", Decoded(await tooBig.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var emptyApply = await PostWithToken(client, $"{roster}?handler=Apply", new() { ["Csv"] = "" }, token);
        Assert.Contains("Upload the roster file again: it was not received.", Decoded(await emptyApply.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var template = await client.GetAsync($"{roster}?handler=Template");
        Assert.Equal("text/csv", template.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("name,email,role", (await template.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);

        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync(roster)).StatusCode);
    }

    [Fact]
    public async Task People_are_invited_one_by_one_from_the_people_page_and_can_be_sent_a_new_link()
    {
        var client = await site.SignedIn(Coordinator);
        var people = $"/sites/{DemoData.SiteA}/people";
        var bad = await SiteFactory.PostForm(client, $"{people}?handler=Invite", new() { ["Input.FullName"] = "", ["Input.Email"] = "x", ["Input.Role"] = "Trainee" }, people);
        var badHtml = Decoded(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Enter the person's full name.", badHtml, StringComparison.Ordinal);
        Assert.Contains("Choose the cohort the trainee joins.", badHtml, StringComparison.Ordinal);
        var noRole = await SiteFactory.PostForm(client, $"{people}?handler=Invite", new() { ["Input.FullName"] = "Quinn Ross", ["Input.Email"] = "quinn.ross@example.org" }, people);
        Assert.Contains("Choose the person's role.", Decoded(await noRole.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var invited = await SiteFactory.PostForm(client, $"{people}?handler=Invite", new() { ["Input.FullName"] = "Quinn Ross", ["Input.Email"] = "quinn.ross@example.org", ["Input.Role"] = "Supervisor" }, people);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var html = Decoded(await client.GetStringAsync(people));
        Assert.Contains("An invitation is on its way to quinn.ross@example.org.", html, StringComparison.Ordinal);
        Assert.Contains("Quinn Ross", html, StringComparison.Ordinal);
        var first = site.LatestJoinPath("quinn.ross@example.org");

        var quinn = await site.Db(db => db.Users.Where(u => u.Email == "quinn.ross@example.org").Select(u => u.Id).SingleAsync());
        var resent = await SiteFactory.PostForm(client, $"{people}?handler=Resend", new() { ["personId"] = quinn }, people);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.NotEqual(first, site.LatestJoinPath("quinn.ross@example.org"));
        var signedIn = await site.Db(db => db.Users.Where(u => u.Email == DemoAccounts.Supervisor).Select(u => u.Id).SingleAsync());
        var refused = await SiteFactory.PostForm(client, $"{people}?handler=Resend", new() { ["personId"] = signedIn }, people);
        Assert.Contains("Dennis Okafor has already chosen a password.", Decoded(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var stranger = await SiteFactory.PostForm(client, $"{people}?handler=Resend", new() { ["personId"] = "no-such-person" }, people);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task The_institute_approves_facilitators_on_their_page_and_is_told_when_an_approval_is_in_use()
    {
        var admin = await site.SignedIn(DemoAccounts.Admin);
        var sam = await site.Db(db => db.Users.Where(u => u.Email == DemoAccounts.Facilitator).Select(u => u.Id).SingleAsync());
        var html = Decoded(await admin.GetStringAsync("/institute/facilitators"));
        Assert.Contains("Sam Whitfield", html, StringComparison.Ordinal);

        var inUse = await SiteFactory.PostForm(admin, "/institute/facilitators", new() { ["personId"] = sam, ["courseIds"] = "ethics" });
        Assert.Equal(HttpStatusCode.OK, inUse.StatusCode);
        Assert.Contains("They facilitate \"Winter 2027 Recovery Coach cohort\"", Decoded(await inUse.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var unknownCourse = await SiteFactory.PostForm(admin, "/institute/facilitators", new() { ["personId"] = sam, ["courseIds"] = "juggling" });
        Assert.Contains("Choose courses from the list.", Decoded(await unknownCourse.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var content = new FormUrlEncodedContent([
            new("personId", sam), new("courseIds", "recovery-coach"), new("courseIds", "mat"), new("courseIds", "ethics"),
            new("__RequestVerificationToken", await TokenFrom(admin, "/institute/facilitators")),
        ]);
        var saved = await admin.PostAsync("/institute/facilitators", content);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(3, await site.Db(db => db.FacilitatorApprovals.CountAsync(a => a.PersonId == sam && a.RevokedAt == null)));

        // Back to the demo's approvals, so other tests find Sam approved for exactly Recovery Coach and MAT.
        var restore = new FormUrlEncodedContent([
            new("personId", sam), new("courseIds", "recovery-coach"), new("courseIds", "mat"),
            new("__RequestVerificationToken", await TokenFrom(admin, "/institute/facilitators")),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/institute/facilitators", restore)).StatusCode);
        Assert.Equal(["mat", "recovery-coach"], await site.Db(db => db.FacilitatorApprovals.Where(a => a.PersonId == sam && a.RevokedAt == null).Select(a => a.CourseId).OrderBy(c => c).ToListAsync()));
    }

    [Fact]
    public async Task The_cohort_pages_invite_and_change_forms_name_each_problem_and_change_nothing()
    {
        var (client, cohort) = await NewCohort("Form problems group");
        var invite = await SiteFactory.PostForm(client, $"{cohort}?handler=Invite", new() { ["Invite.FullName"] = "", ["Invite.Email"] = "nobody" }, cohort);
        var inviteHtml = Decoded(await invite.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, invite.StatusCode);
        Assert.Contains("Enter the person's full name.", inviteHtml, StringComparison.Ordinal);
        Assert.Contains("Enter an email address like name@example.org.", inviteHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"#Invite_Email\"", inviteHtml, StringComparison.Ordinal);

        var details = await SiteFactory.PostForm(client, $"{cohort}?handler=Details", new()
        {
            ["Input.Name"] = "Renamed", ["Input.CourseId"] = "mat", ["Input.StartsOn"] = "2027-05-03", ["Input.DeliveryMode"] = "InPerson", ["Input.Capacity"] = "0",
        }, cohort);
        var detailsHtml = Decoded(await details.Content.ReadAsStringAsync());
        Assert.Contains("The cohort can take between 1 and 200 trainees.", detailsHtml, StringComparison.Ordinal);
        Assert.Contains("<details class=\"card\" open", detailsHtml, StringComparison.Ordinal);
        Assert.Contains("<h1>Form problems group</h1>", detailsHtml, StringComparison.Ordinal);

        var invited = await SiteFactory.PostForm(client, $"{cohort}?handler=Invite", new() { ["Invite.FullName"] = "Rae Lund", ["Invite.Email"] = "rae.lund@example.org" }, cohort);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Contains("Rae Lund", Decoded(await client.GetStringAsync(cohort)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_roster_posted_without_an_antiforgery_token_is_rejected_and_adds_no_one()
    {
        var client = await site.SignedIn(Coordinator);
        var people = await site.Db(db => db.Users.CountAsync());
        var response = await client.PostAsync($"/sites/{DemoData.SiteA}/cohorts/{DemoData.CohortA}/roster?handler=Apply",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Csv"] = "name,email\nNo Token,no.token@example.org\n" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(people, await site.Db(db => db.Users.CountAsync()));
    }
}
