using System.Net;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>"My hours" read as a person reads it: one line per lesson or practicum item with where it stands, the ledger folded below.</summary>
[Collection(SiteCollection.Name)]
public sealed partial class MyRecordPagesTests(SiteFactory site)
{
    private static Dictionary<string, string> Approval(string item) => new()
    {
        ["Selected"] = item,
        ["Input.AttestationConfirmed"] = "true",
        ["Input.TypedName"] = "Dennis Okafor",
        ["Input.Password"] = DemoAccounts.Password,
    };

    private static async Task Decide(HttpClient supervisor, string item, string? rejectBecause)
    {
        var response = rejectBecause is null
            ? await SiteFactory.PostForm(supervisor, "/supervise?handler=Approve", Approval(item), formPage: "/supervise")
            : await SiteFactory.PostForm(supervisor, "/supervise?handler=Reject", new() { ["Selected"] = item, ["Input.Reason"] = rejectBecause }, formPage: "/supervise");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task LogPractice(HttpClient trainee, string description)
    {
        var logged = await SiteFactory.PostForm(trainee, "/my/practicum", new()
        {
            ["Input.Kind"] = "Experience", ["Input.Hours"] = "2.5", ["Input.Date"] = "2026-11-10", ["Input.Domain"] = "advocacy", ["Input.Description"] = description,
        });
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
    }

    /// <summary>A new trainee at site A with two ethics lessons (one signed off, one not) and two practice entries (one signed off, one not).</summary>
    private async Task<(string Email, HttpClient Trainee, Guid Rejected, Guid RejectedPractice, string SignedOffLesson, string RejectedLesson)> RecordAsync()
    {
        var (email, id) = await Seed.NewTraineeAsync(site.Services, DemoData.SiteA, "Morgan Reyes");
        var signed = await Seed.CreditLessonAsync(site.Services, email, "ethics", 2);
        var rejected = await Seed.CreditLessonAsync(site.Services, email, "ethics", 3);
        var trainee = await site.SignedIn(email);
        await LogPractice(trainee, "Ran the Tuesday recovery café");
        await LogPractice(trainee, "Sat with the Wednesday group");
        var practice = await site.Db(db => db.PracticumEntries.Where(p => p.PersonId == id).ToListAsync());
        var goodPractice = practice.Single(p => p.Description.StartsWith("Ran", StringComparison.Ordinal)).Id;
        var badPractice = practice.Single(p => p.Description.StartsWith("Sat", StringComparison.Ordinal)).Id;

        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);
        await Decide(supervisor, $"Hours:{signed}", null);
        await Decide(supervisor, $"Hours:{rejected}", "Please redo the boundaries reflection with me first.");
        await Decide(supervisor, $"Practicum:{goodPractice}", null);
        await Decide(supervisor, $"Practicum:{badPractice}", "The date is before you joined the site.");
        var lessons = site.Services.GetRequiredService<TrainingHub.Content.CourseCatalog>().Find("ethics")!.Lessons.ToList();
        return (email, trainee, rejected, badPractice, lessons[2].Title, lessons[3].Title);
    }

    [Fact]
    public async Task My_hours_shows_one_plain_line_per_lesson_and_practice_entry_and_no_negative_hours_until_every_entry()
    {
        var (_, trainee, rejected, rejectedPractice, signedOffLesson, rejectedLesson) = await RecordAsync();
        var html = WebUtility.HtmlDecode(await trainee.GetStringAsync("/my/hours"));
        var everyEntryAt = html.IndexOf("<details id=\"every-entry\"", StringComparison.Ordinal);
        Assert.True(everyEntryAt > 0, "the ledger is folded under Every entry");
        var main = html[html.IndexOf("<h2 id=\"record-heading\">", StringComparison.Ordinal)..everyEntryAt];
        var every = html[everyEntryAt..];
        var today = DateTime.UtcNow.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

        var lines = LineItems().Matches(main).Select(m => m.Value).ToList();
        Assert.Equal(4, lines.Count);
        var signedOff = Assert.Single(lines, l => l.Contains(signedOffLesson, StringComparison.Ordinal));
        Assert.Contains($"Signed off by Dennis Okafor on {today}", signedOff, StringComparison.Ordinal);
        var notSignedOff = Assert.Single(lines, l => l.Contains(rejectedLesson, StringComparison.Ordinal));
        Assert.Contains("Not signed off: Please redo the boundaries reflection with me first. —", notSignedOff, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" id=\"resend-{rejected}\"", notSignedOff, StringComparison.Ordinal);
        var practice = Assert.Single(lines, l => l.Contains("Ran the Tuesday recovery café", StringComparison.Ordinal));
        Assert.Contains($"Signed off by Dennis Okafor on {today}", practice, StringComparison.Ordinal);
        var badPractice = Assert.Single(lines, l => l.Contains("Sat with the Wednesday group", StringComparison.Ordinal));
        Assert.Contains("Not signed off: The date is before you joined the site. —", badPractice, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/my/practicum?resubmit={rejectedPractice}#log-hours\">send again", badPractice, StringComparison.Ordinal);
        Assert.Contains("<strong>Practice: 2.5 hours</strong>", html, StringComparison.Ordinal);

        Assert.DoesNotMatch(NegativeNumber(), main);
        Assert.Matches(NegativeNumber(), every);
        Assert.Contains("correction: signed off by Dennis Okafor", every, StringComparison.Ordinal);

        // The practice log, where a practice entry is sent again, opens on the form for it.
        var form = WebUtility.HtmlDecode(await trainee.GetStringAsync($"/my/practicum?resubmit={rejectedPractice}"));
        Assert.Contains("<h2 id=\"log-hours\">Send an entry again</h2>", form, StringComparison.Ordinal);
        Assert.Contains($"value=\"{rejectedPractice}\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_hours_again_from_their_line_needs_a_note_and_then_the_line_waits_for_sign_off()
    {
        var (_, trainee, rejected, _, _, rejectedLesson) = await RecordAsync();
        var noNote = WebUtility.HtmlDecode(await (await SiteFactory.PostForm(trainee, "/my/hours?handler=Resubmit", new() { ["EntryId"] = rejected.ToString() }, formPage: "/my/hours")).Content.ReadAsStringAsync());
        Assert.Contains("Say what you did about the supervisor's reason", noNote, StringComparison.Ordinal);
        var someoneElses = await SiteFactory.PostForm(trainee, "/my/hours?handler=Resubmit", new() { ["EntryId"] = Guid.NewGuid().ToString(), ["Note"] = "x" }, formPage: "/my/hours");
        Assert.Equal(HttpStatusCode.NotFound, someoneElses.StatusCode);
        var sent = await SiteFactory.PostForm(trainee, "/my/hours?handler=Resubmit", new() { ["EntryId"] = rejected.ToString(), ["Note"] = "We met on Tuesday." }, formPage: "/my/hours");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var html = WebUtility.HtmlDecode(await trainee.GetStringAsync("/my/hours"));
        var line = LineItems().Matches(html).Select(m => m.Value).Single(l => l.Contains(rejectedLesson, StringComparison.Ordinal));
        Assert.Contains("Waiting for sign-off", line, StringComparison.Ordinal);
        Assert.DoesNotContain("resend-", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_email_about_hours_not_signed_off_links_to_where_each_item_is_sent_again()
    {
        var (email, _, rejected, rejectedPractice, _, _) = await RecordAsync();
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchOutbox.Command());
        }
        var mail = Directory.GetFiles(site.MailFolder).Select(File.ReadAllText)
            .Where(m => m.Contains(email, StringComparison.Ordinal) && m.Contains("Subject: Your hours were not signed off yet", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mail.Count);
        Assert.Contains(mail, m => Unfolded(m).Contains($"/my/hours#resend-{rejected}", StringComparison.Ordinal));
        Assert.Contains(mail, m => Unfolded(m).Contains($"/my/practicum?resubmit={rejectedPractice}#log-hours", StringComparison.Ordinal));
    }

    /// <summary>The message body with quoted-printable soft line breaks joined, as a mail reader shows it.</summary>
    private static string Unfolded(string message) => message.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);

    [GeneratedRegex("<li class=\"record-line[^\"]*\" id=\"[^\"]+\">.*?</li>", RegexOptions.Singleline)]
    private static partial Regex LineItems();

    /// <summary>A number below zero as a cell or a line shows it ("-0.5", "−0.5").</summary>
    [GeneratedRegex(@"(>|\s)[-−]\d")]
    private static partial Regex NegativeNumber();
}
