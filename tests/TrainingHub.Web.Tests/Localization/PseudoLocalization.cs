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

    /// <summary>
    /// Removes each element marked data-content with everything inside it (nested elements of the same name included).
    /// The page's title repeats its content heading (a course's or lesson's title), so that text is also taken out of
    /// the title element; the words around it there are still checked.
    /// </summary>
    internal static string WithoutContent(string html)
    {
        var removed = new List<string>();
        for (var start = ContentStart().Match(html); start.Success; start = ContentStart().Match(html))
        {
            var name = start.Groups[1].Value;
            var depth = 0;
            var end = html.Length;
            foreach (Match tag in Regex.Matches(html[start.Index..], $"<(/?){name}\\b[^>]*>", RegexOptions.IgnoreCase))
            {
                depth += tag.Groups[1].Value == "/" ? -1 : 1;
                if (depth == 0) { end = start.Index + tag.Index + tag.Length; break; }
            }
            var inner = Tag().Replace(html[(start.Index + start.Length)..end], " ").Trim();
            if (inner.Length > 1) removed.Add(inner);
            html = html[..start.Index] + " " + html[end..];
        }
        var title = TitleElement().Match(html);
        if (!title.Success) return html;
        var text = title.Groups[1].Value;
        foreach (var content in removed.OrderByDescending(r => r.Length)) text = text.Replace(content, " ", StringComparison.Ordinal);
        return html[..title.Groups[1].Index] + text + html[(title.Groups[1].Index + title.Groups[1].Length)..];
    }

    [GeneratedRegex("<(\\w+)\\b[^>]*\\sdata-content(?:=\"[^\"]*\")?(?=[\\s>/])[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ContentStart();

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitleElement();

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
