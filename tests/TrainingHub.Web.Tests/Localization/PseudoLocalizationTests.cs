using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>
/// "No string left behind": the site runs with a localizer that marks every text it hands out (⟦…⟧); any visible text
/// or accessible name left unmarked on a page was written into the page, not taken from the resources. Covers the pages
/// localized so far (docs/decisions/0019-languages.md lists them); a page joins the list when it is localized.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class PseudoLocalizationTests(SiteFactory site)
{
    /// <summary>Words that are the same in every language: the product's name, and each language's name in itself.</summary>
    private static readonly string[] SameInEveryLanguage = ["TrainingHub", "English", "Español"];

    public static TheoryData<string> AnonymousPages() =>
        ["/", "/account/sign-in", "/account/forgot-password", "/account/access-denied", "/language", "/error/404", "/error/500", "/account/join/not-a-real-link"];

    [Theory]
    [MemberData(nameof(AnonymousPages))]
    public async Task Every_visible_text_of_the_page_comes_from_the_resources(string path)
    {
        using var marked = Marked();
        var client = marked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.InternalServerError, $"{path}: {response.StatusCode}");
        AssertAllMarked(path, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_navigation_a_signed_in_trainee_sees_comes_from_the_resources()
    {
        using var marked = Marked();
        var client = marked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = DemoAccounts.Trainee, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var page = await client.GetStringAsync("/language");
        Assert.Contains("⟦My hours⟧", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        AssertAllMarked("/language (signed in)", page);
    }

    [Fact]
    public void The_check_finds_text_written_into_a_page()
    {
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertAllMarked("sample", "<html><body><h1>⟦Sign in⟧</h1><p>Written by hand</p></body></html>"));
        Assert.Contains("Written by hand", error.Message, StringComparison.Ordinal);
        AssertAllMarked("sample", "<html><head><title>⟦Sign in⟧ – TrainingHub</title></head><body><nav aria-label=\"⟦Main⟧\"><a>⟦Courses⟧</a></nav><p>⟦You have joined ⟦Harbor⟧⟧</p></body></html>");
    }

    private WebApplicationFactory<Program> Marked() => site.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        services.AddSingleton<IStringLocalizerFactory>(sp => new MarkingFactory(new ResourceManagerStringLocalizerFactory(
            sp.GetRequiredService<IOptions<LocalizationOptions>>(), sp.GetRequiredService<ILoggerFactory>())))));

    private static void AssertAllMarked(string path, string html)
    {
        var body = Hidden().Replace(html, " ");
        var texts = new List<string>();
        foreach (Match a in Attribute().Matches(body)) texts.Add(System.Net.WebUtility.HtmlDecode(a.Groups[2].Value));
        texts.AddRange(Tag().Split(body).Select(t => System.Net.WebUtility.HtmlDecode(t) ?? ""));
        var unmarked = new List<string>();
        foreach (var text in texts)
        {
            var rest = text;
            for (var before = ""; before != rest;) { before = rest; rest = MarkedText().Replace(rest, " "); }
            foreach (var word in SameInEveryLanguage) rest = rest.Replace(word, " ", StringComparison.Ordinal);
            if (Words().IsMatch(rest)) unmarked.Add(rest.Trim());
        }
        Assert.True(unmarked.Count == 0, $"{path} shows text that is not from the resources: " + string.Join(" | ", unmarked.Distinct()));
    }

    private sealed class MarkingFactory(IStringLocalizerFactory inner) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new MarkingLocalizer(inner.Create(resourceSource));
        public IStringLocalizer Create(string baseName, string location) => new MarkingLocalizer(inner.Create(baseName, location));
    }

    private sealed class MarkingLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Mark(inner[name]);
        public LocalizedString this[string name, params object[] arguments] => Mark(inner[name, arguments]);
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures).Select(Mark);
        private static LocalizedString Mark(LocalizedString s) => new(s.Name, $"⟦{s.Value}⟧", s.ResourceNotFound, s.SearchedLocation);
    }

    [GeneratedRegex("<(script|style)\\b.*?</\\1>|<!--.*?-->|<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex("\\s(aria-label|title|alt|placeholder)=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("⟦[^⟦⟧]*⟧")]
    private static partial Regex MarkedText();

    [GeneratedRegex("\\p{L}{2,}")]
    private static partial Regex Words();
}
