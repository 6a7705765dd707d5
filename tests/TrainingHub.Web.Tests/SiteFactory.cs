using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TrainingHub.Web.Tests;

/// <summary>The real site over HTTP on a temporary SQLite file, with the Development demo data.</summary>
public sealed partial class SiteFactory : TrainingHubSite
{
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<HttpClient> SignedIn(string email, string? password = null)
    {
        var client = Anonymous();
        var response = await PostForm(client, "/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password ?? DemoAccounts.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {response.StatusCode}");
        }
        return client;
    }

    /// <summary>Opens the form page first, as a browser would, and posts with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostForm(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        var token = AntiforgeryField().Match(page);
        if (!token.Success) throw new InvalidOperationException($"{formPage ?? url} has no antiforgery field");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFactory>
{
    public const string Name = "site";
}
