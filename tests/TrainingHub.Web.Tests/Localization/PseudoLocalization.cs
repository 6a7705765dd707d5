using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>
/// The pseudo-localization check shared by the page tests: a site whose localizer marks every text it hands out (⟦…⟧),
/// and an assertion that every visible text or accessible name of a page is marked. Each group of pages has its own
/// test class that signs in as the roles that see them and runs each page through <see cref="AssertAllMarked"/>.
/// </summary>
internal static partial class PseudoLocalization
{
    /// <summary>Words that are the same in every language: the product's name, and each language's name in itself.</summary>
    private static readonly string[] SameInEveryLanguage = ["TrainingHub", "English", "Español"];

    internal static WebApplicationFactory<Program> Marked(SiteFactory site) => site.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        services.AddSingleton<IStringLocalizerFactory>(sp => new MarkingFactory(new ResourceManagerStringLocalizerFactory(
            sp.GetRequiredService<IOptions<LocalizationOptions>>(), sp.GetRequiredService<ILoggerFactory>())))));

    internal static void AssertAllMarked(string path, string html)
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
