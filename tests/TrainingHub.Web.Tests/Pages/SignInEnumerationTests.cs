using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>
/// The sign-in page must not tell whether an address has an account, or whether that account is locked: not by its
/// words, not by the time it takes (docs/decisions/0013). Each test has its own site, as it locks accounts.
/// </summary>
public sealed partial class SignInEnumerationTests
{
    private const string Unknown = "nobody.here@demo.traininghub.test";

    private static SiteFactory NewSite() => new() { Settings = { ["Accounts:MaxFailedSignInAttempts"] = "20" } };

    [Fact]
    public async Task An_unknown_address_a_wrong_password_and_a_locked_account_get_the_same_words()
    {
        using var site = NewSite();
        var client = site.Anonymous();
        await LockAsync(client, DemoAccounts.CoordinatorB);

        var unknown = await SignInAsync(client, Unknown, "a wrong password");
        var wrong = await SignInAsync(client, DemoAccounts.Facilitator, "a wrong password");
        var lockedWithTheRightPassword = await SignInAsync(client, DemoAccounts.CoordinatorB, DemoAccounts.Password);

        Assert.All([unknown, wrong, lockedWithTheRightPassword], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var words = await Task.WhenAll(new[] { unknown, wrong, lockedWithTheRightPassword }.Select(async r => Summary(await r.Content.ReadAsStringAsync())));
        Assert.Contains("We could not sign you in with that email address and password.", words[0], StringComparison.Ordinal);
        Assert.Equal(words[0], words[1]);
        Assert.Equal(words[0], words[2]);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard")).StatusCode);

        // The institute still knows: the lockout is in the audit trail.
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var coordinatorB = await db.Users.Where(u => u.Email == DemoAccounts.CoordinatorB).Select(u => u.Id).SingleAsync();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.LockedOut && a.ActorId == coordinatorB));
    }

    /// <summary>
    /// Equal work, not speed: the medians of interleaved tries (so load on the machine falls on every kind alike) must be
    /// within a factor of two. Before the fix a wrong password cost a password hash and an unknown address none (~13x).
    /// </summary>
    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public async Task An_unknown_address_costs_the_same_as_a_wrong_password_or_a_locked_account()
    {
        using var site = NewSite();
        var client = site.Anonymous();
        await LockAsync(client, DemoAccounts.CoordinatorB);
        var token = await TokenAsync(client);
        var kinds = new (string Email, string Password)[] { (DemoAccounts.Facilitator, "a wrong password"), (Unknown, "a wrong password"), (DemoAccounts.CoordinatorB, "a wrong password") };
        var times = kinds.Select(_ => new List<double>()).ToArray();

        const int rounds = 15;
        for (var round = -1; round < rounds; round++)
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                var watch = Stopwatch.StartNew();
                var response = await client.PostAsync("/account/sign-in", Form(kinds[k].Email, kinds[k].Password, token));
                watch.Stop();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                if (round >= 0) times[k].Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var medians = times.Select(Median).ToArray();
        var summary = $"medians: wrong password {medians[0]:0.0} ms, unknown address {medians[1]:0.0} ms, locked account {medians[2]:0.0} ms";
        Assert.True(medians.Max() <= 2 * medians.Min(), summary);
    }

    private static async Task LockAsync(HttpClient client, string email)
    {
        var token = await TokenAsync(client);
        for (var i = 0; i < 20; i++) await client.PostAsync("/account/sign-in", Form(email, $"wrong guess {i}", token));
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        await client.PostAsync("/account/sign-in", Form(email, password, await TokenAsync(client)));

    private static FormUrlEncodedContent Form(string email, string password, string token) => new(new Dictionary<string, string>
    {
        ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
    });

    private static async Task<string> TokenAsync(HttpClient client) =>
        WebUtility.HtmlDecode(AntiforgeryField().Match(await client.GetStringAsync("/account/sign-in")).Groups[1].Value);

    private static string Summary(string html) => ErrorSummary().Match(html) is { Success: true } m ? m.Value : throw new InvalidOperationException("No error summary:\n" + html);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<div class=\"error-summary\".*?</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();
}
