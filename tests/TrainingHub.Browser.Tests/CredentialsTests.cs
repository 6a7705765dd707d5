using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.SignOffs;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

[Collection(SiteCollection.Name)]
public sealed class CredentialsTests(SiteFixture site)
{
    /// <summary>
    /// A new trainee at site B whose only hours are the 15-hour ethics course, attended and signed off by the site's
    /// supervisor (Priya Shah) through the application's own services; the course's certificate is issued too.
    /// </summary>
    private async Task<(string Email, string CertificateCode)> TraineeWithSignedOffEthicsAsync()
    {
        var email = $"ethics.{Guid.NewGuid():N}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<TrainingHubDb>();
        var users = sp.GetRequiredService<UserManager<Person>>();
        var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = "Avery Castillo", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(person, DemoAccounts.Password)).Succeeded);
        await users.AddToRoleAsync(person, Roles.Trainee);
        db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteB, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();

        var sender = sp.GetRequiredService<ISender>();
        await sender.Send(new Enroll.Command(person.Id, "ethics"));
        var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == person.Id && e.CourseId == "ethics");
        var ledger = sp.GetRequiredService<HoursLedger>();
        var pending = new List<Guid>();
        foreach (var lesson in site.Catalog.Find("ethics")!.Lessons)
        {
            var entries = await ledger.CreditLessonAsync(enrollment, lesson, lesson.Hours, HoursDelivery.InPerson, HoursSource.Attendance,
                new DateOnly(2026, 11, 16), null, null, CancellationToken.None);
            pending.AddRange(entries.Select(e => e.Id));
        }
        await db.SaveChangesAsync();
        var priya = await db.Users.Where(u => u.Email == DemoAccounts.SupervisorB).Select(u => u.Id).SingleAsync();
        await sender.Send(new DecideSignOff.Command(priya, SignOffDecision.Approved, pending.Select(id => new DecideSignOff.ItemRef(SignOffSubject.Hours, id)).ToList(),
            "Priya Shah", DemoAccounts.Password, true, null));
        var certificate = await sp.GetRequiredService<CertificateIssuer>().IssueAsync(enrollment.Id, enrollment.CourseVersion, 1, null, null, CancellationToken.None);
        return (email, certificate.Code);
    }

    [Fact]
    public async Task A_trainee_with_only_the_ethics_course_chooses_ICRC_sees_the_one_hour_ethics_gap_and_downloads_the_packet()
    {
        var (email, code) = await TraineeWithSignedOffEthicsAsync();
        var page = await site.NewPageAsync();
        await page.SignInAndWaitForHomeAsync(email);
        await page.GetByRole(AriaRole.Link, new() { Name = "My credentials", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My credentials");
        await page.AssertNoSeriousAccessibilityProblemsAsync();

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "IC&RC Peer Recovery (PR)" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved. The credentials you chose are listed below, each with where you stand.");

        // One line first: the two biggest gaps in plain words; the board's every requirement is folded below it.
        var glance = page.Locator(".credential-glance li").Filter(new() { HasText = "IC&RC Peer Recovery (PR)" });
        await Expect(glance).ToContainTextAsync("still needed: 500 more hours of practice, signed off by a supervisor; 31 more hours of training.");
        var credential = page.GetByRole(AriaRole.Region, new() { Name = "IC&RC Peer Recovery (PR)" });
        await Expect(credential).Not.ToBeVisibleAsync();
        await page.GetByText("Every requirement of the IC&RC Peer Recovery (PR)").ClickAsync();
        await Expect(credential).ToBeVisibleAsync();
        var requirements = credential.Locator("li.requirement");
        await Expect(requirements).ToHaveCountAsync(9);
        string[] titles =
        [
            "Training hours", "Training in Advocacy", "Training in Mentoring/Education", "Training in Recovery/Wellness Support", "Training in Ethical Responsibility",
            "Practice hours (paid or volunteer peer work)", "Supervision hours", "IC&RC Peer Recovery exam passed", "Code of ethics signed",
        ];
        for (var i = 0; i < titles.Length; i++)
        {
            await Expect(requirements.Nth(i).Locator(".requirement-title strong")).ToHaveTextAsync(titles[i]);
        }
        var ethics = requirements.Nth(4);
        await Expect(ethics).ToContainTextAsync("15 of 16 hours");
        await Expect(ethics).ToContainTextAsync("Still needed: 1 more hour of Ethical Responsibility");
        await Expect(ethics.Locator(".status")).ToHaveTextAsync("Not yet");
        await ethics.GetByText("What counted").ClickAsync();
        await Expect(ethics.GetByText("Ethics for Recovery Coaches: 15 hours")).ToBeVisibleAsync();
        await Expect(requirements.Nth(0)).ToContainTextAsync("Still needed: 31 more hours of training");
        await Expect(requirements.Nth(5)).ToContainTextAsync("Still needed: 500 more hours of practice, signed off by a supervisor");
        await page.AssertNoSeriousAccessibilityProblemsAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            credential.GetByRole(AriaRole.Link, new() { Name = "Download the packet (PDF) for the IC&RC Peer Recovery (PR)" }).ClickAsync());
        var pdf = Path.Combine(Path.GetTempPath(), $"packet-{Guid.NewGuid():N}.pdf");
        try
        {
            await download.SaveAsAsync(pdf);
            Assert.Equal("icrc-pr-packet-avery-castillo.pdf", download.SuggestedFilename);
            var text = PdfText(pdf);
            Assert.Contains("Credential application packet", text, StringComparison.Ordinal);
            Assert.Contains("IC&RC Peer Recovery (PR)", text, StringComparison.Ordinal);
            Assert.Contains("Avery Castillo", text, StringComparison.Ordinal);
            Assert.Contains("15 of 16 hours", text, StringComparison.Ordinal);
            Assert.Contains("1 more hour of Ethical Responsibility", text, StringComparison.Ordinal);
            Assert.Contains(code, text, StringComparison.Ordinal);
            Assert.Contains("Priya Shah", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    [Fact]
    public async Task My_credentials_fits_a_375_pixel_phone()
    {
        var (email, _) = await TraineeWithSignedOffEthicsAsync();
        var page = await site.NewPageAsync(new ViewportSize { Width = 375, Height = 812 });
        await page.SignInAndWaitForHomeAsync(email);
        await page.GotoAsync("/my/credentials");
        // Massachusetts' rules are the ones still marked not confirmed (New York's were confirmed, docs/rule-file-changes-2026-12.md).
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Massachusetts Certified Addiction Recovery Coach (CARC)" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        await page.GetByText("Every requirement of the Massachusetts Certified Addiction Recovery Coach (CARC)").ClickAsync();
        await Expect(page.GetByText("Not confirmed with the board.").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the phone");
        await page.AssertNoSeriousAccessibilityProblemsAsync();
    }

    [Fact]
    public async Task A_trainee_on_a_phone_reads_and_signs_the_code_of_ethics_from_My_credentials()
    {
        var (email, _) = await TraineeWithSignedOffEthicsAsync();
        var page = await site.NewPageAsync(new ViewportSize { Width = 375, Height = 812 });
        await page.SignInAndWaitForHomeAsync(email);
        await page.GotoAsync("/my/credentials");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "IC&RC Peer Recovery (PR)" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        await page.GetByText("Every requirement of the IC&RC Peer Recovery (PR)").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Read and sign the code of ethics for the IC&RC Peer Recovery (PR)" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Peer Recovery Code of Ethics");
        await page.AssertNoSeriousAccessibilityProblemsAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tick the box to confirm the statement.");
        await page.AssertNoSeriousAccessibilityProblemsAsync();
        await page.Locator("#Input_Confirmed").CheckAsync();
        await page.GetByLabel("Your full name").FillAsync("Avery Castillo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed.");
        await Expect(page.GetByText("You signed version")).ToBeVisibleAsync();

        await page.GotoAsync("/my/credentials");
        await page.GetByText("Every requirement of the IC&RC Peer Recovery (PR)").ClickAsync();
        var credential = page.GetByRole(AriaRole.Region, new() { Name = "IC&RC Peer Recovery (PR)" });
        await Expect(credential.Locator("li.requirement").Nth(8)).ToContainTextAsync("Signed version");
    }

    /// <summary>The packet's text as poppler reads it (Debian's poppler-utils, installed by tools/test.sh), in drawing order, one space between words.</summary>
    private static string PdfText(string pdf)
    {
        var output = DebianTools.Run("pdftotext", "-raw", pdf, "-");
        return Regex.Replace(output, @"\s+", " ");
    }
}
