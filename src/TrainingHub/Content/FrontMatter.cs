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
}
