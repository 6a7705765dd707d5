namespace TrainingHub.Content;

/// <summary>
/// Loads content/codes/*.md: a code of ethics per file, with front matter (id, title, version, summary, statement,
/// references) and the code itself as markdown. Optional: a content folder without codes/ offers none.
/// </summary>
internal static class CodeOfEthicsParser
{
    public const string Folder = "codes";
    public const int MinimumWords = 300;

    public static List<CodeOfEthics> LoadAll(CatalogLoader.LoadContext ctx)
    {
        var folder = Path.Combine(ctx.Root, Folder);
        var codes = new List<CodeOfEthics>();
        if (!Directory.Exists(folder)) return codes;
        var files = Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).ToList();
        var translations = files.Where(f => TranslationParser.Split(Path.GetFileName(f)) is not null).ToList();
        var originals = new Dictionary<string, (CodeOfEthics Code, string Text)>(StringComparer.Ordinal);
        foreach (var path in files.Except(translations))
        {
            var text = File.ReadAllText(path);
            var code = Parse(ctx, path, text);
            if (code is null) continue;
            codes.Add(code);
            originals[Path.GetFileName(path)] = (code, text);
        }
        foreach (var path in translations)
        {
            var (baseName, language) = TranslationParser.Split(Path.GetFileName(path))!.Value;
            if (!originals.TryGetValue(baseName, out var original))
            {
                ctx.Add(path, 1, ProblemKind.Structure, $"'{Path.GetFileName(path)}' looks like a translation of '{baseName}', but there is no such code of ethics next to it");
                continue;
            }
            var translation = TranslationParser.ParseCode(ctx, path, File.ReadAllText(path), language, original.Code, original.Text);
            if (translation is not null) ctx.CodeTranslations.Add(translation);
        }
        return codes;
    }

    private static CodeOfEthics? Parse(CatalogLoader.LoadContext ctx, string path, string text)
    {
        if (FrontMatter.ReadMapping(ctx, path, text) is not { } read) return null;
        var (fm, yaml, map) = read;
        yaml.AllowOnly(map, "id", "title", "version", "summary", "statement", "references");
        var stem = Path.GetFileNameWithoutExtension(path);
        var id = yaml.String(map, "id", true);
        if (id is not null && id != stem) yaml.ProblemAt(yaml.Node(map, "id")!, $"'id' is '{id}' but the file is '{stem}.md': they must be the same");
        if (id is not null && !CatalogLoader.SlugPattern().IsMatch(id)) yaml.ProblemAt(yaml.Node(map, "id")!, "'id' must use lowercase letters, digits and dashes");
        var title = yaml.String(map, "title", true);
        var version = yaml.String(map, "version", true);
        var summary = yaml.String(map, "summary", true);
        var statement = yaml.String(map, "statement", true);
        var references = CatalogLoader.References(yaml, map, "the code of ethics");
        ctx.Language.Check(ctx.Relative(path), text, ctx);

        var body = fm.Body;
        var words = LessonParser.CountWords(body);
        if (words < MinimumWords)
        {
            ctx.Add(path, fm.BodyFirstLine, ProblemKind.Editorial, $"the code of ethics has {words} words; a code a person signs needs at least {MinimumWords}");
        }
        if (id is null || title is null || version is null || summary is null || statement is null) return null;
        return new CodeOfEthics(id, title, version, summary, statement, MarkdownRenderer.LessonToHtml(body), references, CatalogLoader.Sha256(text));
    }
}
