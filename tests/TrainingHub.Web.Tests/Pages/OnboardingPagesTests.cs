using System.Net;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class OnboardingPagesTests(SiteFactory site)
{
    private const string Admin = DemoAccounts.Admin;
    private const string Password = "the lighthouse keeps its lamp";

    private async Task<(Guid SiteId, string JoinPath)> Invite(string name, string email)
    {
        var admin = await site.SignedIn(Admin);
        var response = await SiteFactory.PostForm(admin, "/institute/sites/invite", new()
        {
            ["Input.SiteName"] = name, ["Input.State"] = "VT", ["Input.CoordinatorName"] = "Robin Hale", ["Input.CoordinatorEmail"] = email,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/institute/sites/[0-9a-f-]{36}\\?invited=sent$", location);
        return (Guid.Parse(location["/institute/sites/".Length..][..36]), site.LatestJoinPath(email));
    }

    [Fact]
    public async Task The_invite_form_names_each_problem_and_creates_nothing()
    {
        var admin = await site.SignedIn(Admin);
        var sites = await site.Db(db => db.Sites.CountAsync());
        var response = await SiteFactory.PostForm(admin, "/institute/sites/invite", new()
        {
            ["Input.SiteName"] = "", ["Input.State"] = "XX", ["Input.CoordinatorName"] = "", ["Input.CoordinatorEmail"] = "robin at example",
        });
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the site's name.", html, StringComparison.Ordinal);
        Assert.Contains("Choose the state the site is in.", html, StringComparison.Ordinal);
        Assert.Contains("Enter the coordinator's full name.", html, StringComparison.Ordinal);
        Assert.Contains("Enter an email address like name@example.org.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_CoordinatorEmail\"", html, StringComparison.Ordinal);
        Assert.Equal(sites, await site.Db(db => db.Sites.CountAsync()));
    }

    [Fact]
    public async Task A_site_goes_from_invitation_through_onboarding_to_review_and_activation()
    {
        var (siteId, join) = await Invite("Green Mountain Peer Center", "robin.hale@example.org");

        var coordinator = site.Anonymous();
        var form = Decoded(await coordinator.GetStringAsync(join));
        Assert.Contains("Green Mountain Peer Center has invited you as a site coordinator.", form, StringComparison.Ordinal);
        Assert.Contains("value=\"Robin Hale\"", form, StringComparison.Ordinal);

        var mismatch = await SiteFactory.PostForm(coordinator, join, new() { ["Input.FullName"] = "Robin Hale", ["Input.Password"] = Password, ["Input.ConfirmPassword"] = "something else entirely" });
        Assert.Contains("The two passwords are not the same.", Decoded(await mismatch.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var tooShort = await SiteFactory.PostForm(coordinator, join, new() { ["Input.FullName"] = "Robin Hale", ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "short" });
        Assert.Contains("Passwords must be at least 12 characters.", Decoded(await tooShort.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var accepted = await SiteFactory.PostForm(coordinator, join, new() { ["Input.FullName"] = "Robin Hale", ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/sites/{siteId}/onboarding?welcome=true", accepted.Headers.Location!.OriginalString);
        var onboarding = Decoded(await coordinator.GetStringAsync(accepted.Headers.Location!.OriginalString));
        Assert.Contains("Welcome! Your password is saved and you are signed in.", onboarding, StringComparison.Ordinal);
        Assert.Contains("Your site's details (now)", onboarding, StringComparison.Ordinal);

        var used = Decoded(await site.Anonymous().GetStringAsync(join));
        Assert.Contains("This link has already been used", used, StringComparison.Ordinal);

        var page = $"/sites/{siteId}/onboarding";
        var badProfile = await SiteFactory.PostForm(coordinator, $"{page}?handler=Profile", new() { ["Profile.StreetAddress"] = "", ["Profile.PostalCode"] = "ABCDE", ["Profile.ProgrammeType"] = "zoo" }, page);
        var badProfileHtml = Decoded(await badProfile.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, badProfile.StatusCode);
        Assert.Contains("Enter the street address of the building where the training happens.", badProfileHtml, StringComparison.Ordinal);
        Assert.Contains("Enter a ZIP code of 5 digits", badProfileHtml, StringComparison.Ordinal);
        Assert.Contains("Choose the kind of programme the site is.", badProfileHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"#Profile_PostalCode\"", badProfileHtml, StringComparison.Ordinal);

        var profile = await SiteFactory.PostForm(coordinator, $"{page}?handler=Profile", new()
        {
            ["Profile.StreetAddress"] = "12 Main Street", ["Profile.City"] = "Burlington", ["Profile.PostalCode"] = "05401",
            ["Profile.ProgrammeType"] = "opioid-treatment-programme", ["Profile.CredentialBoard"] = "icrc",
        }, page);
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);

        var items = new[] { "peer-space", "programme-champion", "peer-leaders", "facilitator-trained", "agreement-signed" };
        var noAnswer = new Dictionary<string, string>();
        for (var i = 0; i < items.Length; i++)
        {
            noAnswer[$"Checklist.Checks[{i}].ItemId"] = items[i];
            noAnswer[$"Checklist.Checks[{i}].Done"] = "true";
        }
        var badChecklist = await SiteFactory.PostForm(coordinator, $"{page}?handler=Checklist", new(noAnswer), page);
        var badChecklistHtml = Decoded(await badChecklist.Content.ReadAsStringAsync());
        Assert.Contains("Answer \"Where is it? (room and floor)\" to tick this item.", badChecklistHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"#Checklist_Checks_0__Note\"", badChecklistHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"Checklist_Checks_0__Note\"", badChecklistHtml, StringComparison.Ordinal);

        var early = await SiteFactory.PostForm(coordinator, $"{page}?handler=Submit", new(), page);
        Assert.Contains("Tick every item of the readiness checklist first.", Decoded(await early.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var answered = new Dictionary<string, string>(noAnswer)
        {
            ["Checklist.Checks[0].Note"] = "Room 3", ["Checklist.Checks[1].Note"] = "Lee Park, clinic director", ["Checklist.Checks[3].Note"] = "Sam Whitfield",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await SiteFactory.PostForm(coordinator, $"{page}?handler=Checklist", answered, page)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiteFactory.PostForm(coordinator, $"{page}?handler=Submit", new(), page)).StatusCode);
        Assert.Contains("You sent your site for review on", Decoded(await coordinator.GetStringAsync(page)), StringComparison.Ordinal);

        var admin = await site.SignedIn(Admin);
        var board = Decoded(await admin.GetStringAsync("/institute/sites"));
        var waiting = board[board.IndexOf("Waiting for your review <span", StringComparison.Ordinal)..board.IndexOf("id=\"stage-Invited\"", StringComparison.Ordinal)];
        Assert.Contains("Green Mountain Peer Center", waiting, StringComparison.Ordinal);
        var review = $"/institute/sites/{siteId}";
        var reviewHtml = Decoded(await admin.GetStringAsync(review));
        Assert.Contains("Lee Park, clinic director", reviewHtml, StringComparison.Ordinal);
        Assert.Contains("Opioid treatment programme (methadone or buprenorphine clinic)", reviewHtml, StringComparison.Ordinal);

        var noNote = await SiteFactory.PostForm(admin, $"{review}?handler=SendBack", new() { ["Input.Note"] = "" }, review);
        Assert.Contains("Say what the coordinator needs to change, so they know what to do.", Decoded(await noNote.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var activated = await SiteFactory.PostForm(admin, $"{review}?handler=Activate", new() { ["Input.Note"] = "Welcome aboard." }, review);
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Contains("The site is open.", Decoded(await admin.GetStringAsync(activated.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        Assert.Equal(SiteStatus.Active, await site.Db(db => db.Sites.Where(s => s.Id == siteId).Select(s => s.Status).SingleAsync()));
        Assert.Contains("Your site is open.", Decoded(await coordinator.GetStringAsync(page)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_link_gets_a_plain_page_and_a_coordinators_link_can_be_sent_again()
    {
        var unknown = Decoded(await site.Anonymous().GetStringAsync("/account/join/not-a-real-token"));
        Assert.Contains("This link does not work", unknown, StringComparison.Ordinal);
        var refused = await SiteFactory.PostForm(site.Anonymous(), "/account/join/not-a-real-token", new() { ["Input.FullName"] = "X", ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password },
            "/account/sign-in");
        Assert.Contains("This link is not valid.", Decoded(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var (siteId, first) = await Invite("Valley Recovery Collaborative", "casey.wu@example.org");
        var admin = await site.SignedIn(Admin);
        var person = await site.Db(db => db.Users.Where(u => u.Email == "casey.wu@example.org").Select(u => u.Id).SingleAsync());
        var review = $"/institute/sites/{siteId}";
        var resent = await SiteFactory.PostForm(admin, $"{review}?handler=Resend", new() { ["personId"] = person }, review);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Contains("A new link is on its way to casey.wu@example.org.", Decoded(await admin.GetStringAsync(review)), StringComparison.Ordinal);
        var second = site.LatestJoinPath("casey.wu@example.org");
        Assert.NotEqual(first, second);
        Assert.Contains("This link has expired", Decoded(await site.Anonymous().GetStringAsync(first)), StringComparison.Ordinal);
        Assert.Contains("Welcome to TrainingHub", Decoded(await site.Anonymous().GetStringAsync(second)), StringComparison.Ordinal);

        var noOne = await SiteFactory.PostForm(admin, $"{review}?handler=Resend", new() { ["personId"] = "" }, review);
        Assert.Equal(HttpStatusCode.OK, noOne.StatusCode);
        Assert.Contains("Choose the person to send a new link to.", Decoded(await noOne.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoAccounts.Coordinator)]
    [InlineData(DemoAccounts.Trainee)]
    public async Task Only_institute_admins_open_the_institute_pages(string email)
    {
        var client = await site.SignedIn(email);
        foreach (var url in new[] { "/institute", "/institute/sites", "/institute/sites/invite", $"/institute/sites/{DemoData.SiteA}", "/institute/facilitators", "/institute/reports" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_board_shows_the_demo_site_that_is_still_setting_up()
    {
        var html = Decoded(await (await site.SignedIn(Admin)).GetStringAsync("/institute/sites"));
        Assert.Contains("Northway Medication Treatment Center", html, StringComparison.Ordinal);
        Assert.Contains("checklist 2 of 5 done", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/institute\">Institute</a>", await (await site.SignedIn(Admin)).GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }
}
