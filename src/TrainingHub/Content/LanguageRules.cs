using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TrainingHub.Content;

/// <summary>The words course text must not use (content/language.yml), with the plain alternative to suggest.</summary>
internal sealed class LanguageRules(IReadOnlyList<(Regex Pattern, string Phrase, string Instead)> refused, IReadOnlyList<string> allowed)
{
    public static readonly LanguageRules None = new([], []);

    public static LanguageRules Load(string path, CatalogLoader.LoadContext ctx)
    {
        if (!File.Exists(path)) return None;
        var yaml = new YamlFile(ctx.Relative(path), File.ReadAllText(path), 0, ctx.Problems);
        var map = yaml.RootMapping("language.yml");
        if (map is null) return None;
        yaml.AllowOnly(map, "refused", "allowed");
        var refused = new List<(Regex, string, string)>();
        foreach (var item in yaml.MappingList(map, "refused", true))
        {
            yaml.AllowOnly(item, "pattern", "instead");
            var pattern = yaml.String(item, "pattern", true);
            var instead = yaml.String(item, "instead", true) ?? "";
            if (pattern is null) continue;
            try
            {
                refused.Add((new Regex($@"\b(?:{pattern})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), pattern, instead));
            }
            catch (ArgumentException)
            {
                yaml.ProblemAt(item, $"'{pattern}' is not a valid pattern");
            }
        }
        return new LanguageRules(refused, yaml.StringList(map, "allowed", false));
    }

    public void Check(string relativeFile, string text, CatalogLoader.LoadContext ctx)
    {
        if (refused.Count == 0) return;
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
        }
    }
}
