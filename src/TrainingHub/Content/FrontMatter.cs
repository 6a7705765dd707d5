namespace TrainingHub.Content;

/// <summary>Splits a markdown file into its YAML front matter and its body, keeping line numbers.</summary>
internal sealed record FrontMatter(string Yaml, int YamlLineOffset, string[] BodyLines, int BodyFirstLine)
{
    public string Body => string.Join('\n', BodyLines);

    public static FrontMatter? Split(string text, bool required, Action<int, string> problem)
    {
        var lines = CatalogLoader.Normalise(text).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            if (required)
            {
                problem(1, "the file must start with front matter: a line '---', the lesson's details, and another '---'");
                return null;
            }
            return new FrontMatter("", 0, lines, 1);
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            problem(1, "the front matter that starts on line 1 is never closed with a '---' line");
            return null;
        }
        var yaml = string.Join('\n', lines[1..end]);
        return new FrontMatter(yaml, 1, lines[(end + 1)..], end + 2);
    }

    /// <summary>Splits a content file and reads its front matter as 'key: value' lines; null, with the problem recorded, when it cannot.</summary>
    public static (FrontMatter Split, YamlFile Yaml, YamlDotNet.RepresentationModel.YamlMappingNode Map)? ReadMapping(
        CatalogLoader.LoadContext ctx, string path, string text)
    {
        var fm = Split(text, required: true, (line, msg) => ctx.Add(path, line, ProblemKind.Structure, msg));
        if (fm is null) return null;
        var yaml = new YamlFile(ctx.Relative(path), fm.Yaml, fm.YamlLineOffset, ctx.Problems);
        var map = yaml.RootMapping("the front matter");
        return map is null ? null : (fm, yaml, map);
    }
}
