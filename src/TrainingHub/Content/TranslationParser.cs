using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TrainingHub.Content;

/// <summary>
/// A lesson's translation (<c>NN-lesson.es.md</c> next to <c>NN-lesson.md</c>): the same lesson in another language.
/// Its facts (id, hours, delivery, domains, agenda minutes and activities, self-paced time) must be the original's, so
/// hours and records never depend on the language; only the words change. The linter also checks that the text keeps the
/// original's headings and that it was made from the original as it is now (<c>source-hash</c>).
/// </summary>
internal static partial class TranslationParser
{
    public const string SourceHashKey = "source-hash";

    /// <summary>The language of a translation file's name (<c>01-x.es.md</c> → es), or null when the file is not one.</summary>
    public static (string BaseName, string Language)? Split(string fileName)
    {
        var m = TranslationName().Match(fileName);
        return m.Success ? (m.Groups[1].Value + ".md", m.Groups[2].Value) : null;
    }

    public static LessonTranslation? Parse(CatalogLoader.LoadContext ctx, string path, string text, string language, Lesson original, string originalText)
    {
        var rel = ctx.Relative(path);
        if (FrontMatter.ReadMapping(ctx, path, text) is not { } read) return null;
        var (fm, yaml, map) = read;
        yaml.AllowOnly(map, "id", "title", "hours", "delivery", "objectives", "domains", "agenda", "time", SourceHashKey);
        var originalFm = FrontMatter.Split(originalText, required: true, (_, _) => { });
        var originalMap = originalFm is null ? null : new YamlFile(rel, originalFm.Yaml, 0, []).Root as YamlMappingNode;

        var title = yaml.String(map, "title", true);
        var objectives = yaml.StringList(map, "objectives", false);
        foreach (var key in new[] { "id", "hours", "delivery", "domains" })
        {
            var mine = Canonical(yaml.Node(map, key));
            var theirs = Canonical(originalMap is null ? null : yaml.Node(originalMap, key));
            if (mine != theirs)
            {
                yaml.Problem(yaml.Node(map, key) is { } n ? yaml.LineOf(n) : yaml.LineOf(map),
                    $"'{key}' must be the original's ({(theirs.Length == 0 ? "none" : theirs)}), not {(mine.Length == 0 ? "missing" : mine)}: a translation changes the words, never the facts");
            }
        }
        if (Facts(yaml, map, "agenda") != Facts(yaml, originalMap, "agenda"))
        {
            yaml.Problem(yaml.LineOf(yaml.Node(map, "agenda") ?? map), "the agenda must have the original's activities and minutes in the same order; only the titles are translated");
        }
        if (Canonical(yaml.Node(map, "time")) != Canonical(originalMap is null ? null : yaml.Node(originalMap, "time")))
        {
            yaml.Problem(yaml.LineOf(yaml.Node(map, "time") ?? map), "'time' must be the original's: reading, activity and reflection minutes do not change in a translation");
        }
        if (objectives.Count != original.Objectives.Count)
        {
            yaml.Problem(yaml.LineOf(yaml.Node(map, "objectives") ?? map),
                $"the translation has {objectives.Count} objectives but the original has {original.Objectives.Count}", ProblemKind.Editorial);
        }

        CheckText(ctx, path, text, fm, yaml, map, originalFm, original.ContentHash);

        if (title is null) return null;
        return new LessonTranslation(original.CourseId, original.Id, language, title, objectives, MarkdownRenderer.LessonToHtml(fm.Body));
    }

    /// <summary>
    /// A quiz translation: the original's questions (ids, types, scenario marks), options and keys in the same order, so
    /// an attempt is scored with the original's keys whatever language it was read in. Only stems, options and rationales
    /// are translated.
    /// </summary>
    public static QuizTranslation? ParseQuiz(CatalogLoader.LoadContext ctx, string path, string text, string language,
        string courseId, string moduleId, Quiz original, string originalHash, int coursePassMark)
    {
        string? sourceHash = null;
        var quiz = QuizParser.Parse(ctx, path, text, coursePassMark, (yaml, map) =>
        {
            if (map is null) return;
            yaml.AllowOnly(map, SourceHashKey);
            sourceHash = yaml.String(map, SourceHashKey, false);
        });
        if (SourceHashProblem(sourceHash, originalHash) is { } stale) ctx.Add(path, sourceHash is null ? 1 : 2, ProblemKind.Editorial, stale);
        if (quiz is null) return null;
        var expected = Keys(original);
        var actual = Keys(quiz);
        if (!expected.SequenceEqual(actual))
        {
            var first = Enumerable.Range(0, Math.Max(expected.Count, actual.Count))
                .First(i => i >= expected.Count || i >= actual.Count || expected[i] != actual[i]);
            ctx.Add(path, 1, ProblemKind.Structure,
                $"the questions and keys must be the original's in the same order; they differ at question {first + 1} " +
                $"(original: {(first < expected.Count ? expected[first] : "none")}; translation: {(first < actual.Count ? actual[first] : "none")})");
            return null;
        }
        return new QuizTranslation(courseId, moduleId, language, quiz with { PassMark = original.PassMark, Draw = original.Draw });
    }

    /// <summary>Translations beside <paramref name="stem"/>.yml in <paramref name="dir"/> (<c>module.es.yml</c>), with their language.</summary>
    public static IEnumerable<(string Path, string Language)> YamlBeside(string dir, string stem) =>
        Directory.GetFiles(dir, stem + ".*.yml").Order(StringComparer.Ordinal)
            .Select(f => (Path: f, Match: YamlTranslationName().Match(Path.GetFileName(f))))
            .Where(x => x.Match.Success && x.Match.Groups[1].Value == stem)
            .Select(x => (x.Path, x.Match.Groups[2].Value));

    /// <summary>
    /// A course's title and summary in another language (<c>course.es.yml</c>): only <c>title</c>, <c>summary</c> and
    /// <c>source-hash</c> (the original course.yml's hash), so a reader of that language meets no English heading.
    /// </summary>
    public static CourseTranslation? ParseCourse(CatalogLoader.LoadContext ctx, string path, string language, string courseId, string originalText)
    {
        if (ReadWords(ctx, path, originalText, "summary") is not { } words) return null;
        var (yaml, map) = words;
        var title = yaml.String(map, "title", true);
        var summary = yaml.String(map, "summary", true);
        return title is null || summary is null ? null : new CourseTranslation(courseId, language, title, summary);
    }

    /// <summary>A module's title and objectives in another language (<c>module.es.yml</c>), as many objectives as the original's.</summary>
    public static ModuleTranslation? ParseModule(CatalogLoader.LoadContext ctx, string path, string language, string courseId, string moduleId,
        string originalText, int originalObjectives)
    {
        if (ReadWords(ctx, path, originalText, "objectives") is not { } words) return null;
        var (yaml, map) = words;
        var title = yaml.String(map, "title", true);
        var objectives = yaml.StringList(map, "objectives", true);
        if (objectives.Count != originalObjectives)
        {
            yaml.Problem(yaml.LineOf(yaml.Node(map, "objectives") ?? map),
                $"the translation has {objectives.Count} objectives but the original has {originalObjectives}", ProblemKind.Editorial);
        }
        return title is null ? null : new ModuleTranslation(courseId, moduleId, language, title, objectives);
    }

    private static (YamlFile Yaml, YamlMappingNode Map)? ReadWords(CatalogLoader.LoadContext ctx, string path, string originalText, string wordsKey)
    {
        var text = File.ReadAllText(path);
        var yaml = new YamlFile(ctx.Relative(path), text, 0, ctx.Problems);
        if (yaml.RootMapping(Path.GetFileName(path)) is not { } map) return null;
        yaml.AllowOnly(map, "title", wordsKey, SourceHashKey);
        var sourceHash = yaml.String(map, SourceHashKey, false);
        if (SourceHashProblem(sourceHash, CatalogLoader.Sha256(originalText)) is { } stale)
        {
            yaml.Problem(yaml.LineOf(sourceHash is null ? map : yaml.Node(map, SourceHashKey)!), stale, ProblemKind.Editorial);
        }
        ctx.Language.Check(yaml.File, text, ctx, checkSpelling: false);
        return (yaml, map);
    }

    /// <summary>
    /// A code of ethics in another language (<c>codes/&lt;id&gt;.es.md</c>): the original's <c>id</c> and <c>version</c>,
    /// translated <c>title</c>, <c>summary</c> and <c>statement</c>, <c>source-hash</c>, and the text with the original's
    /// headings. Its references are the original's (the page shows those), so it lists none.
    /// </summary>
    public static CodeTranslation? ParseCode(CatalogLoader.LoadContext ctx, string path, string text, string language, CodeOfEthics original, string originalText)
    {
        if (FrontMatter.ReadMapping(ctx, path, text) is not { } read) return null;
        var (fm, yaml, map) = read;
        yaml.AllowOnly(map, "id", "version", "title", "summary", "statement", SourceHashKey);
        foreach (var (key, theirs) in new[] { ("id", original.Id), ("version", original.Version) })
        {
            var mine = yaml.String(map, key, true);
            if (mine is not null && mine != theirs)
            {
                yaml.ProblemAt(yaml.Node(map, key)!, $"'{key}' must be the original's ({theirs}), not {mine}: a person who reads the translation signs the original's version");
            }
        }
        var title = yaml.String(map, "title", true);
        var summary = yaml.String(map, "summary", true);
        var statement = yaml.String(map, "statement", true);
        CheckText(ctx, path, text, fm, yaml, map, FrontMatter.Split(originalText, required: true, (_, _) => { }), original.ContentHash);
        if (title is null || summary is null || statement is null) return null;
        return new CodeTranslation(original.Id, language, title, summary, statement, MarkdownRenderer.LessonToHtml(fm.Body));
    }

    /// <summary>
    /// The editorial checks a translated markdown file shares: the original's headings, a <c>source-hash</c> that is the
    /// original's hash now, and the language rules.
    /// </summary>
    private static void CheckText(CatalogLoader.LoadContext ctx, string path, string text, FrontMatter fm, YamlFile yaml, YamlMappingNode map,
        FrontMatter? originalFm, string originalHash)
    {
        var originalHeadings = Headings(originalFm?.BodyLines ?? []);
        var headings = Headings(fm.BodyLines);
        if (!originalHeadings.SequenceEqual(headings))
        {
            ctx.Add(path, fm.BodyFirstLine, ProblemKind.Editorial,
                $"the headings do not match the original's: it has {Describe(originalHeadings)}, the translation {Describe(headings)}");
        }
        var sourceHash = yaml.String(map, SourceHashKey, false);
        if (SourceHashProblem(sourceHash, originalHash) is { } stale)
        {
            yaml.Problem(yaml.LineOf(sourceHash is null ? map : yaml.Node(map, SourceHashKey)!), stale, ProblemKind.Editorial);
        }
        ctx.Language.Check(ctx.Relative(path), text, ctx, checkSpelling: false);
    }

    /// <summary>What is wrong with a translation's <c>source-hash</c> given the original's hash now, or null.</summary>
    private static string? SourceHashProblem(string? sourceHash, string originalHash) => sourceHash switch
    {
        null => $"the translation does not say which version of the original it translates: add '{SourceHashKey}: {originalHash}'",
        _ when string.Equals(sourceHash, originalHash, StringComparison.Ordinal) => null,
        _ => $"the translation is stale: the original changed after it was translated (its hash is now {originalHash}); update the translation, then its '{SourceHashKey}'",
    };

    /// <summary>A question's facts as text: id, type, scenario, and each option's key mark ("q1 Single scenario x..").</summary>
    private static List<string> Keys(Quiz quiz) => quiz.Questions
        .Select(q => $"{q.Id} {q.Type}{(q.Scenario ? " scenario" : "")} {string.Concat(q.Options.Select(o => o.Correct ? 'x' : '.'))}")
        .ToList();

    /// <summary>Heading levels in order, e.g. [1, 2, 2, 3]; fenced code is not a heading.</summary>
    internal static IReadOnlyList<int> Headings(IEnumerable<string> lines)
    {
        var result = new List<int>();
        var fenced = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; continue; }
            if (fenced) continue;
            var m = HeadingLine().Match(line);
            if (m.Success) result.Add(m.Groups[1].Length);
        }
        return result;
    }

    private static string Describe(IReadOnlyList<int> levels) =>
        levels.Count == 0 ? "no headings" : $"{levels.Count} headings ({string.Join(" ", levels.Select(l => new string('#', l)))})";

    private static string Facts(YamlFile yaml, YamlMappingNode? map, string key)
    {
        if (map is null || yaml.Node(map, key) is not YamlSequenceNode seq) return "";
        return string.Join(";", seq.Children.Select(item => item is YamlMappingNode m
            ? Canonical(yaml.Node(m, "minutes")) + "/" + Canonical(yaml.Node(m, "activity"))
            : "?"));
    }

    /// <summary>A node as comparable text: scalars by value, lists and mappings by their parts in order.</summary>
    private static string Canonical(YamlNode? node) => node switch
    {
        null => "",
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode seq => "[" + string.Join(", ", seq.Children.Select(Canonical)) + "]",
        YamlMappingNode m => "{" + string.Join(", ", m.Children.Select(kv => Canonical(kv.Key) + ": " + Canonical(kv.Value))) + "}",
        _ => node.ToString(),
    };

    [GeneratedRegex(@"^(.+)\.([a-z]{2})\.md$")]
    private static partial Regex TranslationName();

    [GeneratedRegex(@"^([a-z]+)\.([a-z]{2})\.yml$")]
    private static partial Regex YamlTranslationName();

    [GeneratedRegex(@"^(#{1,6})\s")]
    private static partial Regex HeadingLine();
}
