using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using TrainingHub.Features.Sessions;
using TrainingHub.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed partial class SiteOnboardingJourneyTests(SiteFixture site)
{
    private const int PhoneWidth = 375;

    private string MailFolder => Path.Combine(site.Services.GetRequiredService<DataPaths>().DataFolder, "mail");

    /// <summary>Waits for the email to arrive in the pickup folder and returns the invitation link in it.</summary>
    private async Task<string> InvitationLinkFor(string email)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (Directory.Exists(MailFolder))
            {
                var link = Directory.GetFiles(MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
                    .Where(m => m.To.Mailboxes.Any(a => a.Address == email))
                    .Select(m => JoinLink().Match(m.TextBody ?? "")).FirstOrDefault(m => m.Success);
                if (link is not null) return link.Value;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No invitation email reached {email}.");
    }

    private static async Task<List<string>> PhoneProblemsAsync(IPage page)
    {
        var problems = new List<string>();
        await page.SetViewportSizeAsync(PhoneWidth, 740);
        if (await page.SidewaysScrollAsync(PhoneWidth) is { } wide) problems.Add($"{page.Url}: {wide}");
        var accessibility = await page.SeriousAccessibilityProblemsAsync();
        if (accessibility.Length > 0) problems.Add(accessibility);
        await page.SetViewportSizeAsync(1280, 900);
        return problems;
    }

    [Fact]
    public async Task The_institute_invites_a_site_which_is_set_up_opened_and_sends_its_first_trainee_an_invitation()
    {
        const string coordinatorEmail = "jess.ortiz@example.org";
        const string traineeEmail = "marcus.bell@example.org";
        const string coordinatorPassword = "spring rain on a tin roof";
        const string traineePassword = "my dog likes long walks";
        var problems = new List<string>();

        // The institute invites the site.
        var admin = await site.NewPageAsync();
        await admin.SignInAndWaitForHomeAsync(DemoAccounts.Admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Institute", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Invite a site", Exact = true }).ClickAsync();
        problems.AddRange(await PhoneProblemsAsync(admin));
        await admin.GetByLabel("Site's name").FillAsync("Cedar Street Treatment Program");
        await admin.GetByLabel("State").SelectOptionAsync("OH");
        await admin.GetByLabel("Coordinator's full name").FillAsync("Jess Ortiz");
        await admin.GetByLabel("Coordinator's email address").FillAsync(coordinatorEmail);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The invitation is sent.");
        var siteUrl = admin.Url;

        // The coordinator accepts and completes onboarding.
        var coordinator = await site.NewPageAsync();
        await coordinator.GotoAsync(await InvitationLinkFor(coordinatorEmail));
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome to TrainingHub");
        problems.AddRange(await PhoneProblemsAsync(coordinator));
        await Expect(coordinator.GetByLabel("Your full name")).ToHaveValueAsync("Jess Ortiz");
        await coordinator.GetByLabel("Choose a password").FillAsync(coordinatorPassword);
        await coordinator.GetByLabel("The same password again").FillAsync(coordinatorPassword);
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Save my password and start" }).ClickAsync();
        await Expect(coordinator).ToHaveURLAsync(new Regex("/sites/[0-9a-f-]+/onboarding"));
        await Expect(coordinator.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your password is saved");
        problems.AddRange(await PhoneProblemsAsync(coordinator));

        await coordinator.GetByLabel("Street address").FillAsync("200 Cedar Street");
        await coordinator.GetByLabel("Town or city").FillAsync("Dayton");
        await coordinator.GetByLabel("ZIP code").FillAsync("45402");
        await coordinator.GetByLabel("Opioid treatment programme (methadone or buprenorphine clinic)").CheckAsync();
        await coordinator.GetByLabel("NAADAC National Certified Peer Recovery Support Specialist (NCPRSS)").CheckAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Save the details" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your site's details are saved.");

        foreach (var item in new[] { "A peer space in the building", "A programme champion is named", "Peer leaders are recruited", "A facilitator is trained", "The replication agreement is signed" })
        {
            await coordinator.GetByLabel(item, new() { Exact = true }).CheckAsync();
        }
        await coordinator.GetByLabel("Where is it? (room and floor)").FillAsync("Room 12, second floor");
        await coordinator.GetByLabel("The champion's name and job title").FillAsync("Dr Ruth Kane, medical director");
        await coordinator.GetByLabel("The facilitator's name").FillAsync("Sam Whitfield");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Save the checklist" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "2. Readiness checklist: 5 of 5 done" })).ToBeVisibleAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Send my site for review" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your site is sent for review.");
        await coordinator.AssertNoSeriousAccessibilityProblemsAsync();

        // The institute reviews the site on the board and opens it.
        await admin.GotoAsync("/institute/sites");
        problems.AddRange(await PhoneProblemsAsync(admin));
        var waiting = admin.Locator("section", new() { Has = admin.GetByRole(AriaRole.Heading, new() { Name = "Waiting for your review" }) });
        await waiting.GetByRole(AriaRole.Link, new() { Name = "Cedar Street Treatment Program", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(siteUrl.Split('?')[0]);
        await Expect(admin.GetByText("Dr Ruth Kane, medical director", new() { Exact = false })).ToBeVisibleAsync();
        problems.AddRange(await PhoneProblemsAsync(admin));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Open the site" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The site is open.");

        // The coordinator creates a cohort and uploads its roster.
        await coordinator.ReloadAsync();
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Go to your cohorts" }).ClickAsync();
        await coordinator.GetByLabel("Cohort name").FillAsync("Cedar Street MAT group");
        await coordinator.GetByLabel("Course", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Medications for Opioid Use Disorder (MAT)" });
        await coordinator.GetByLabel("Date of the first session").FillAsync("2027-05-03");
        await coordinator.GetByLabel("Schedule").FillAsync("Mondays and Wednesdays, 10 am to 12 noon");
        await coordinator.GetByLabel("Places").FillAsync("12");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Create the cohort" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cedar Street MAT group");
        problems.AddRange(await PhoneProblemsAsync(coordinator));

        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Upload a roster (CSV)" }).ClickAsync();
        var csv = $"name,email,role\nMarcus Bell,{traineeEmail},trainee\nNadia Rahman,nadia.rahman@example.org,supervisor\nNo Email,,trainee\n";
        await coordinator.GetByLabel("Roster file (CSV)").SetInputFilesAsync(new FilePayload { Name = "roster.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Expect(coordinator.GetByText("2 people to invite · 0 already on the roster · 1 line with a problem")).ToBeVisibleAsync();
        await Expect(coordinator.GetByText("Line 4: The email address is missing.")).ToBeVisibleAsync();
        problems.AddRange(await PhoneProblemsAsync(coordinator));
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Invite 2 people" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Status)).ToContainTextAsync("2 people are invited. 1 line was left out.");
        await Expect(coordinator.GetByRole(AriaRole.Cell, new() { Name = "Marcus Bell" })).ToBeVisibleAsync();
        // The People page now lists people invited and not yet signed in, each with a "Send a new link" button.
        var siteId = Regex.Match(coordinator.Url, "/sites/([0-9a-f-]+)/").Groups[1].Value;
        await coordinator.GotoAsync($"/sites/{siteId}/people");
        await Expect(coordinator.GetByRole(AriaRole.Button, new() { Name = "Send a new link to Marcus Bell" })).ToBeVisibleAsync();
        problems.AddRange(await PhoneProblemsAsync(coordinator));

        // The new trainee chooses a password, then signs in for the first time with it.
        var trainee = await site.NewPageAsync(new ViewportSize { Width = PhoneWidth, Height = 740 });
        await trainee.GotoAsync(await InvitationLinkFor(traineeEmail));
        await Expect(trainee.GetByText("Cedar Street Treatment Program has invited you as a trainee.")).ToBeVisibleAsync();
        await trainee.GetByLabel("Choose a password").FillAsync(traineePassword);
        await trainee.GetByLabel("The same password again").FillAsync(traineePassword);
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Save my password and start" }).ClickAsync();
        await Expect(trainee).ToHaveURLAsync(new Regex("/dashboard$"));
        await trainee.OpenMenuIfFoldedAsync();
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await trainee.SignInAsync(traineeEmail, traineePassword);
        await Expect(trainee).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(trainee.GetByRole(AriaRole.Heading, new() { Name = "Medications for Opioid Use Disorder (MAT)" })).ToBeVisibleAsync();
        problems.AddRange(await PhoneProblemsAsync(trainee));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_site_dashboard_and_the_institute_roll_up_fit_a_phone_with_no_serious_accessibility_problems()
    {
        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(DemoAccounts.Coordinator);
        var problems = new List<string>();
        foreach (var path in new[] { "/sites", $"/sites/{TrainingHub.Data.DemoData.SiteA}/report", $"/sites/{TrainingHub.Data.DemoData.SiteA}/people", $"/sites/{TrainingHub.Data.DemoData.SiteA}/cohorts" })
        {
            await page.GotoAsync(path);
            problems.AddRange(await PhoneProblemsAsync(page));
            if (path.EndsWith("/report", StringComparison.Ordinal)) await Expect(page.Locator("svg[role=img] title")).Not.ToHaveCountAsync(0);
        }

        var admin = await site.NewPageAsync();
        await admin.SignInAndWaitForHomeAsync(DemoAccounts.Admin);
        foreach (var path in new[] { "/institute", "/institute/reports", "/institute/facilitators", $"/institute/sites/{TrainingHub.Data.DemoData.SiteC}" })
        {
            await admin.GotoAsync(path);
            problems.AddRange(await PhoneProblemsAsync(admin));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [GeneratedRegex(@"http://[^\s]+/account/join/[A-Za-z0-9_-]+")]
    private static partial Regex JoinLink();
}
