using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed partial class AccountPagesTests(SiteFactory site)
{
    [Fact]
    public async Task Signing_in_with_the_demo_trainee_opens_the_dashboard()
    {
        var client = await site.SignedIn(DemoAccounts.Trainee);
        var response = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>My courses</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_plain_message_and_no_sign_in()
    {
        var client = site.Anonymous();
        var response = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = DemoAccounts.Facilitator, ["Input.Password"] = "not the password" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("We could not sign you in with that email address and password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Empty_sign_in_fields_get_messages_next_to_the_fields()
    {
        var response = await SiteFactory.PostForm(site.Anonymous(), "/account/sign-in", new() { ["Input.Email"] = "", ["Input.Password"] = "" });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter the email address you sign in with.", html, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Email\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        var client = site.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = DemoAccounts.CoordinatorB, ["Input.Password"] = $"wrong guess {i}" });
        }
        var response = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = DemoAccounts.CoordinatorB, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The lock is not announced (docs/decisions/0013): the same words as any failed sign-in, and no session.
        Assert.Contains("After several wrong tries an account is paused for a few minutes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    public async Task A_return_address_on_another_site_is_ignored_after_sign_in(string returnUrl)
    {
        var client = site.Anonymous();
        var response = await SiteFactory.PostForm(client, $"/account/sign-in?ReturnUrl={Uri.EscapeDataString(returnUrl)}",
            new() { ["Input.Email"] = DemoAccounts.Trainee, ["Input.Password"] = DemoAccounts.Password, ["ReturnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/home", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link()
    {
        const string email = DemoAccounts.SupervisorB;
        var before = Directory.Exists(site.MailFolder) ? Directory.GetFiles(site.MailFolder).ToHashSet() : [];
        var client = site.Anonymous();
        var sent = await SiteFactory.PostForm(client, "/account/forgot-password", new() { ["Input.Email"] = email });
        Assert.Contains("If there is an account for that email address", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await site.DispatchOutboxAsync();

        var mail = Directory.GetFiles(site.MailFolder).Where(f => !before.Contains(f))
            .Select(File.ReadAllText).Single(m => m.Contains($"To: Priya Shah <{email}>", StringComparison.Ordinal));
        var link = ResetLink().Match(mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal));
        Assert.True(link.Success, mail);
        var resetUrl = new Uri(link.Value).PathAndQuery;

        var bad = await SiteFactory.PostForm(client, "/account/reset-password", new()
        {
            ["Input.Email"] = email, ["Input.Token"] = Uri.UnescapeDataString(ResetToken().Match(resetUrl).Groups[1].Value),
            ["Input.Password"] = "a new quiet harbour", ["Input.ConfirmPassword"] = "a different harbour",
        }, formPage: resetUrl);
        Assert.Contains("The two passwords are not the same.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var done = await SiteFactory.PostForm(client, "/account/reset-password", new()
        {
            ["Input.Email"] = email, ["Input.Token"] = Uri.UnescapeDataString(ResetToken().Match(resetUrl).Groups[1].Value),
            ["Input.Password"] = "a new quiet harbour", ["Input.ConfirmPassword"] = "a new quiet harbour",
        }, formPage: resetUrl);
        Assert.Contains("Your password has been changed.", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await site.SignedIn(email, "a new quiet harbour");
    }

    [Fact]
    public async Task The_forgotten_password_form_does_the_same_work_for_an_account_and_an_unknown_address_and_mails_only_the_account_after_answering()
    {
        var existing = DemoAccounts.Facilitator;
        var unknown = $"nobody-{Guid.NewGuid():N}@example.org";
        var mailBefore = site.MailCount();
        long auditBefore;
        await using (var scope = site.Services.CreateAsyncScope())
            auditBefore = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().AuditEvents.LongCountAsync(a => a.Action == AuditActions.PasswordResetRequested);

        var answers = new List<string>();
        foreach (var address in new[] { existing, unknown })
            answers.Add(await (await SiteFactory.PostForm(site.Anonymous(), "/account/forgot-password", new() { ["Input.Email"] = address })).Content.ReadAsStringAsync());

        // While answering, nothing depends on the account: no e-mail, no token, no audit event; one queued request each.
        Assert.Equal(mailBefore, site.MailCount());
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            Assert.Equal(auditBefore, await db.AuditEvents.LongCountAsync(a => a.Action == AuditActions.PasswordResetRequested));
            var queued = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == OutboxKind.PasswordResetEmail && m.ProcessedAt == null).Select(m => m.Payload).ToListAsync();
            Assert.Single(queued, p => p.Contains(existing, StringComparison.OrdinalIgnoreCase));
            Assert.Single(queued, p => p.Contains(unknown, StringComparison.OrdinalIgnoreCase));
        }
        Assert.Equal(StripToken(answers[0]), StripToken(answers[1]));

        await site.DispatchOutboxAsync();
        var mail = Directory.GetFiles(site.MailFolder).Select(File.ReadAllText).Where(m => m.Contains("Choose a new TrainingHub password", StringComparison.Ordinal)).ToList();
        Assert.Contains(mail, m => m.Contains(existing, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(mail, m => m.Contains(unknown, StringComparison.OrdinalIgnoreCase));
        await using (var scope = site.Services.CreateAsyncScope())
            Assert.Equal(auditBefore + 1, await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().AuditEvents.LongCountAsync(a => a.Action == AuditActions.PasswordResetRequested));
    }

    private static string StripToken(string html) => AntiforgeryValue().Replace(html, "");

    [Fact]
    public async Task A_forged_reset_token_is_refused_with_a_plain_message()
    {
        var response = await SiteFactory.PostForm(site.Anonymous(), "/account/reset-password", new()
        {
            ["Input.Email"] = DemoAccounts.Trainee, ["Input.Token"] = "forged",
            ["Input.Password"] = "a new quiet harbour", ["Input.ConfirmPassword"] = "a new quiet harbour",
        });
        Assert.Contains("This reset link is not valid or has expired. Ask for a new one.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await site.SignedIn(DemoAccounts.Trainee);
    }

    [Fact]
    public async Task A_bad_email_on_the_forgotten_password_form_sends_nothing()
    {
        var before = Directory.Exists(site.MailFolder) ? Directory.GetFiles(site.MailFolder).Length : 0;
        var response = await SiteFactory.PostForm(site.Anonymous(), "/account/forgot-password", new() { ["Input.Email"] = "not an email" });
        Assert.Contains("Enter an email address like name@example.org.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Directory.Exists(site.MailFolder) ? Directory.GetFiles(site.MailFolder).Length : 0);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await site.SignedIn(DemoAccounts.Coordinator);
        var response = await SiteFactory.PostForm(client, "/account/sign-out", [], formPage: "/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task There_is_no_open_registration_page()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous().GetAsync("/account/register")).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex(@"http://localhost/account/reset-password\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"token=([^&\s]+)")]
    private static partial Regex ResetToken();
}
