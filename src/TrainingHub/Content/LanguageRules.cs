using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TrainingHub.Content;

/// <summary>
/// The words course text must not use (content/language.yml), with the plain alternative to suggest, and the British
/// spellings an English text must not use (its 'spelling' list), with the US spelling.
/// </summary>
internal sealed partial class LanguageRules(IReadOnlyList<(Regex Pattern, string Phrase, string Instead)> refused, IReadOnlyList<string> allowed,
    IReadOnlyList<(Regex Pattern, string Us)> spelling)
{
    public static readonly LanguageRules None = new([], [], []);

    public static LanguageRules Load(string path, CatalogLoader.LoadContext ctx)
    {
        if (!File.Exists(path)) return None;
        var yaml = new YamlFile(ctx.Relative(path), File.ReadAllText(path), 0, ctx.Problems);
        var map = yaml.RootMapping("language.yml");
        if (map is null) return None;
        yaml.AllowOnly(map, "refused", "allowed", "spelling");
        var refused = new List<(Regex, string, string)>();
        foreach (var item in yaml.MappingList(map, "refused", true))
        {
            yaml.AllowOnly(item, "pattern", "instead");
            var pattern = yaml.String(item, "pattern", true);
            var instead = yaml.String(item, "instead", true) ?? "";
            if (pattern is not null && Compile(yaml, item, pattern) is { } regex) refused.Add((regex, pattern, instead));
        }
        var spelling = new List<(Regex, string)>();
        foreach (var item in yaml.MappingList(map, "spelling", false))
        {
            yaml.AllowOnly(item, "british", "us");
            var british = yaml.String(item, "british", true);
            var us = yaml.String(item, "us", true);
            if (british is not null && us is not null && Compile(yaml, item, british) is { } regex) spelling.Add((regex, us));
        }
        return new LanguageRules(refused, yaml.StringList(map, "allowed", false), spelling);
    }

    private static Regex? Compile(YamlFile yaml, YamlNode item, string pattern)
    {
        try
        {
            // Non-backtracking: matching takes time in proportion to the line, whatever the pattern, so no timeout is needed
            // (a wall-clock timeout fired on a busy machine once the spelling list made the patterns many).
            return new Regex($@"\b(?:{pattern})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (ArgumentException)
        {
            yaml.ProblemAt(item, $"'{pattern}' is not a valid pattern");
            return null;
        }
    }

    /// <summary>
    /// Reports refused words on their lines. <paramref name="checkSpelling"/> false skips the spelling rule, which is
    /// about the courses' US English (a translation is not English).
    /// </summary>
    public void Check(string relativeFile, string text, CatalogLoader.LoadContext ctx, bool checkSpelling = true)
    {
        if (refused.Count == 0 && spelling.Count == 0) return;
        var lines = CatalogLoader.Normalise(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            foreach (var phrase in allowed) line = line.Replace(phrase, new string(' ', phrase.Length), StringComparison.OrdinalIgnoreCase);
            foreach (var (pattern, _, instead) in refused)
            {
                var m = pattern.Match(line);
                if (m.Success)
                {
                    ctx.Problems.Add(new ContentProblem(relativeFile, i + 1, ProblemKind.Editorial,
                        $"'{m.Value}' is stigmatising or unclear language; use {instead}"));
                }
            }
            if (!checkSpelling || spelling.Count == 0) continue;
            var own = OwnWords(line);
            foreach (var (pattern, us) in spelling)
            {
                foreach (Match m in pattern.Matches(own))
                {
                    ctx.Problems.Add(new ContentProblem(relativeFile, i + 1, ProblemKind.Editorial,
                        $"'{m.Value}' is British spelling; the courses use US spelling: {us}"));
                }
            }
        }
    }

    /// <summary>
    /// The part of a line written in the authors' own voice, for the spelling rule: quotations (text in quotation marks,
    /// a '>' quote other than a quiz rationale), titles of cited works (a link's text, a reference's 'title:'), web
    /// addresses and identifiers ('id:', 'lesson:', 'source-hash:') are blanked.
    /// </summary>
    internal static string OwnWords(string line)
    {
        var trimmed = line.TrimStart();
        if (IdentifierLine().IsMatch(trimmed) || ReferenceTitleLine().IsMatch(trimmed)) return "";
        if (trimmed.StartsWith('>') && !trimmed.StartsWith("> Rationale:", StringComparison.Ordinal)) return "";
        var own = Link().Replace(line, " ");
        own = WebAddress().Replace(own, " ");
        return Quotation().Replace(own, " ");
    }

    [GeneratedRegex(@"^(-\s+)?(id|lesson|source-hash|url)\s*:")]
    private static partial Regex IdentifierLine();

    [GeneratedRegex(@"^-\s+title\s*:")]
    private static partial Regex ReferenceTitleLine();

    [GeneratedRegex(@"\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex WebAddress();

    [GeneratedRegex("\"[^\"\\n]*\"|“[^”\\n]*”")]
    private static partial Regex Quotation();
}
