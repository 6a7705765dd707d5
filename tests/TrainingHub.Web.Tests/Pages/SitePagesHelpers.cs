using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Domain;
using MimeKit;
using TrainingHub.Data;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>What the site pages' tests share: the database behind the site, form tokens, uploads and the emailed links.</summary>
public static partial class SitePagesHelpers
{
    public static async Task<T> Db<T>(this SiteFactory site, Func<TrainingHubDb, Task<T>> work)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TrainingHubDb>());
    }

    /// <summary>A trainee of their own at a demo site, so these tests never change what other tests see of the demo trainees.</summary>
    public static async Task<(string Email, string Id, HttpClient Client)> NewTraineeAsync(this SiteFactory site, Guid siteId, string fullName)
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        string id;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(person, DemoAccounts.Password)).Succeeded);
            await users.AddToRoleAsync(person, Roles.Trainee);
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = siteId, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            id = person.Id;
        }
        return (email, id, await site.SignedIn(email));
    }

    public static async Task<string> TokenFrom(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryField().Match(html);
        if (!token.Success) throw new InvalidOperationException($"{page} has no antiforgery field");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Posts a form with a token taken from a page the person can open (tokens belong to the person, not the page).</summary>
    public static async Task<HttpResponseMessage> PostWithToken(HttpClient client, string url, Dictionary<string, string> fields, string token)
    {
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpResponseMessage> Upload(HttpClient client, string url, string csv, string token, string fileName = "roster.csv")
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        content.Add(file, "Upload", fileName);
        return await client.PostAsync(url, content);
    }

    /// <summary>The path of the newest invitation link emailed to the address.</summary>
    public static string LatestJoinPath(this SiteFactory site, string email)
    {
        var mail = Directory.GetFiles(site.MailFolder, "*.eml").Select(f => (File: f, Message: MimeMessage.Load(f)))
            .Where(m => m.Message.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => File.GetLastWriteTimeUtc(m.File)).LastOrDefault(m => JoinLink().IsMatch(m.Message.TextBody ?? ""));
        if (mail.Message is null) throw new InvalidOperationException($"No invitation link was emailed to {email}.");
        return JoinLink().Match(mail.Message.TextBody!).Value;
    }

    /// <summary>Runs one outbox pass, as the site's job would after a commit (the test site runs no job server).</summary>
    public static async Task DispatchOutboxAsync(this SiteFactory site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new TrainingHub.Features.Outbox.DispatchOutbox.Command());
    }

    public static int MailCount(this SiteFactory site) => Directory.Exists(site.MailFolder) ? Directory.GetFiles(site.MailFolder, "*.eml").Length : 0;

    public static string Decoded(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("/account/join/[A-Za-z0-9_-]+")]
    public static partial Regex JoinLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
