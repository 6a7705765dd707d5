using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>The site's words are complete in every language, and every word a page asks for is in the English list.</summary>
public sealed partial class ResourceTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrainingHub.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(RepoRoot(), "src/TrainingHub.Web/Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Theory]
    [InlineData("SharedResource.es.resx")]
    public void Every_English_text_has_a_translation_with_the_same_placeholders(string translation)
    {
        var english = Read("SharedResource.resx");
        var other = Read(translation);
        // Resource names are looked up without regard to case: two texts differing only in case would collide.
        var clashes = english.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Texts that differ only in case: " + string.Join(" | ", clashes));
        var missing = english.Keys.Where(k => !other.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
        Assert.True(missing.Count == 0, $"{translation} lacks: " + string.Join(" | ", missing));
        var extra = other.Keys.Except(english.Keys).ToList();
        Assert.True(extra.Count == 0, $"{translation} has texts the English list does not: " + string.Join(" | ", extra));
        var placeholders = english.Keys.Where(k => !Placeholder().Matches(k).Select(m => m.Value).Order().SequenceEqual(Placeholder().Matches(other[k]).Select(m => m.Value).Order())).ToList();
        Assert.True(placeholders.Count == 0, "Placeholders differ: " + string.Join(" | ", placeholders));
    }

    [Fact]
    public void Every_text_a_page_asks_for_is_in_the_English_list()
    {
        var english = Read("SharedResource.resx");
        var web = Path.Combine(RepoRoot(), "src/TrainingHub.Web");
        var asked = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                        && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => Asked().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(web, f), Key: m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal))))
            .Where(a => a.Key != "…")
            .ToList();
        Assert.NotEmpty(asked);
        var missing = asked.Where(a => !english.ContainsKey(a.Key)).Select(a => $"{a.File}: {a.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Not in SharedResource.resx: " + string.Join(" | ", missing));
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bL\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Asked();
}
