using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>
/// "No string left behind": the site runs with a localizer that marks every text it hands out (⟦…⟧); any visible text
/// or accessible name left unmarked on a page was written into the page, not taken from the resources. Covers the pages
/// localized so far (docs/decisions/0019-languages.md lists them); a page joins the list when it is localized.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
[Collection(SiteCollection.Name)]
public sealed class PseudoLocalizationTests(SiteFactory site)
{
    public static TheoryData<string> AnonymousPages() =>
        ["/", "/account/sign-in", "/account/forgot-password", "/account/access-denied", "/language", "/error/404", "/error/500", "/account/join/not-a-real-link"];

    [Theory]
    [MemberData(nameof(AnonymousPages))]
    public async Task Every_visible_text_of_the_page_comes_from_the_resources(string path)
    {
        using var marked = PseudoLocalization.Marked(site);
        var client = marked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.InternalServerError, $"{path}: {response.StatusCode}");
        PseudoLocalization.AssertAllMarked(path, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_navigation_a_signed_in_trainee_sees_comes_from_the_resources()
    {
        using var marked = PseudoLocalization.Marked(site);
        var client = marked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = DemoAccounts.Trainee, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var page = await client.GetStringAsync("/language");
        Assert.Contains("⟦My hours⟧", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        PseudoLocalization.AssertAllMarked("/language (signed in)", page);
    }

    [Fact]
    public void The_check_finds_text_written_into_a_page()
    {
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PseudoLocalization.AssertAllMarked("sample", "<html><body><h1>⟦Sign in⟧</h1><p>Written by hand</p></body></html>"));
        Assert.Contains("Written by hand", error.Message, StringComparison.Ordinal);
        PseudoLocalization.AssertAllMarked("sample", "<html><head><title>⟦Sign in⟧ – TrainingHub</title></head><body><nav aria-label=\"⟦Main⟧\"><a>⟦Courses⟧</a></nav><p>⟦You have joined ⟦Harbor⟧⟧</p></body></html>");
    }
}
