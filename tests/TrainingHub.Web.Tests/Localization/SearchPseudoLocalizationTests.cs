using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>The search page and the header's folded menu take every visible text from the resources.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
[Collection(SiteCollection.Name)]
public sealed class SearchPseudoLocalizationTests(SiteFactory site)
{
    [Theory]
    [InlineData(DemoAccounts.Trainee)]
    [InlineData(DemoAccounts.Supervisor)]
    public async Task The_search_page_comes_from_the_resources(string email)
    {
        using var marked = PseudoLocalization.Marked(site);
        var client = marked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var page = await client.GetStringAsync("/search");
        Assert.Contains("⟦Menu⟧", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        PseudoLocalization.AssertAllMarked("/search", page);
    }
}
