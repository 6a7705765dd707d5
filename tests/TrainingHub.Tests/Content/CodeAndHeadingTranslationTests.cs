using TrainingHub.Content;

namespace TrainingHub.Tests.Content;

/// <summary>
/// Translations of a code of ethics (<c>codes/&lt;id&gt;.es.md</c>) and of course and module headings (<c>course.es.yml</c>,
/// <c>module.es.yml</c>): loaded beside the originals, facts checked, structure and staleness linted, and never part of a record.
/// </summary>
public sealed class CodeAndHeadingTranslationTests : IDisposable
{
    private const string CodePath = "codes/sample-code.md";
    private const string CodeTranslationPath = "codes/sample-code.es.md";
    private readonly ContentFolder _content = new ContentFolder().WithValidCourse();

    public void Dispose() => _content.Dispose();

    private CatalogLoader.Result Load() => CatalogLoader.Load(_content.Root);

    private string HashOf(string path) => CatalogLoader.Sha256(File.ReadAllText(Path.Combine(_content.Root, path)));

    private static ContentProblem Only(CatalogLoader.Result result)
    {
        Assert.True(result.Problems.Count == 1, $"expected one problem, got: {string.Join(" | ", result.Problems)}");
        return result.Problems[0];
    }

    private static string Code(string body = "## 1. I respect each person") => string.Join("\n",
        "---",
        "id: sample-code",
        "title: Sample Code of Ethics",
        "version: \"1\"",
        "summary: A code for tests.",
        "statement: I have read this code and I will follow it.",
        "references:",
        "  - title: NAADAC Code of Ethics",
        "    url: https://www.naadac.org/code-of-ethics",
        "---",
        "",
        "# Sample Code of Ethics",
        "",
        body,
        "",
        ContentFolder.Words(320),
        "");

    private string CodeTranslation(Func<string, string>? change = null)
    {
        var text = string.Join("\n",
            "---",
            "id: sample-code",
            "version: \"1\"",
            $"source-hash: {HashOf(CodePath)}",
            "title: Código de ética de prueba",
            "summary: Un código para las pruebas.",
            "statement: He leído este código y lo voy a seguir.",
            "---",
            "",
            "# Código de ética de prueba",
            "",
            "## 1. Respeto a cada persona",
            "",
            "Texto en español.",
            "");
        return change is null ? text : change(text);
    }

    [Fact]
    public void A_code_translation_lends_its_words_and_leaves_the_code_its_version_and_hash_alone()
    {
        _content.Write(CodePath, Code());
        var before = Assert.Single(Load().Catalog.Codes);
        _content.Write(CodeTranslationPath, CodeTranslation());
        var result = Load();
        Assert.Empty(result.Problems);
        var code = Assert.Single(result.Catalog.Codes);
        Assert.Equal((before.Version, before.ContentHash, before.Title, before.Statement), (code.Version, code.ContentHash, code.Title, code.Statement));
        var es = result.Catalog.FindCodeTranslation("sample-code", "es");
        Assert.NotNull(es);
        Assert.Equal(("Código de ética de prueba", "Un código para las pruebas.", "He leído este código y lo voy a seguir."), (es.Title, es.Summary, es.Statement));
        Assert.Contains("Respeto a cada persona", es.Html, StringComparison.Ordinal);
        Assert.Null(result.Catalog.FindCodeTranslation("sample-code", "fr"));
    }

    [Theory]
    [InlineData("id: sample-code", "id: other-code", "'id' must be the original's (sample-code), not other-code")]
    [InlineData("version: \"1\"", "version: \"2\"", "'version' must be the original's (1), not 2")]
    [InlineData("summary: Un código para las pruebas.\n", "", "'summary' is missing")]
    [InlineData("statement: He leído", "promise: He leído", "unknown key 'promise'")]
    public void A_code_translation_with_other_facts_or_missing_words_stops_loading(string from, string to, string message)
    {
        _content.Write(CodePath, Code());
        _content.Write(CodeTranslationPath, CodeTranslation(t => t.Replace(from, to, StringComparison.Ordinal)));
        var problems = Load().Problems;
        var problem = Assert.Single(problems, p => p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(ProblemKind.Structure, problem.Kind);
        Assert.EndsWith("codes/sample-code.es.md", problem.File, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_code_translation_or_one_with_other_headings_is_reported_and_one_without_an_original_stops_loading()
    {
        _content.Write(CodePath, Code());
        _content.Write(CodeTranslationPath, CodeTranslation(t => t.Replace("## 1.", "### 1.", StringComparison.Ordinal)));
        Assert.StartsWith("the headings do not match the original's", Only(Load()).Message, StringComparison.Ordinal);

        _content.Write(CodeTranslationPath, CodeTranslation());
        _content.Write(CodePath, Code("## 1. I respect every person"));
        var stale = Only(Load());
        Assert.Equal(ProblemKind.Editorial, stale.Kind);
        Assert.StartsWith("the translation is stale", stale.Message, StringComparison.Ordinal);

        _content.Write("codes/other-code.es.md", CodeTranslation());
        Assert.Contains(Load().Problems, p => p.Kind == ProblemKind.Structure &&
            p.Message == "'other-code.es.md' looks like a translation of 'other-code.md', but there is no such code of ethics next to it");
    }

    [Fact]
    public void Spanish_stigmatising_words_are_refused_in_a_code_translation()
    {
        _content.Write("language.yml", """
            refused:
              - { pattern: "adict[oa]s?", instead: "una persona en recuperación" }
            """);
        _content.Write(CodePath, Code());
        _content.Write(CodeTranslationPath, CodeTranslation(t => t + "\nNo rechazo a ningún adicto.\n"));
        Assert.Equal("'adicto' is stigmatising or unclear language; use una persona en recuperación", Only(Load()).Message);
    }

    private const string CourseWords = "courses/sample/course.es.yml";
    private const string ModuleWords = "courses/sample/01-basics/module.es.yml";

    private void WriteHeadings(string? course = null, string? module = null)
    {
        _content.Write(CourseWords, course ?? $"title: Curso de muestra\nsummary: Un curso pequeño para las pruebas.\nsource-hash: {HashOf("courses/sample/course.yml")}\n");
        _content.Write(ModuleWords, module ?? $"title: Lo básico\nobjectives:\n  - Conocer lo básico.\nsource-hash: {HashOf("courses/sample/01-basics/module.yml")}\n");
    }

    [Fact]
    public void Course_and_module_headings_are_shown_in_the_reader_language_and_never_change_the_course()
    {
        var before = Load().Catalog.Courses.Single();
        WriteHeadings();
        var result = Load();
        Assert.Empty(result.Problems);
        var course = result.Catalog.Courses.Single();
        Assert.Equal((before.ContentHash, "Sample course", "Basics"), (course.ContentHash, course.Title, course.Modules[0].Title));

        var es = result.Catalog.InLanguage(course, "es");
        Assert.Equal(("Curso de muestra", "Un curso pequeño para las pruebas."), (es.Title, es.Summary));
        Assert.Equal(("01-basics", "Lo básico"), (es.Modules[0].Id, es.Modules[0].Title));
        Assert.Equal(["Conocer lo básico."], es.Modules[0].Objectives);
        Assert.Equal((course.Id, course.Version, course.Hours, course.ContentHash), (es.Id, es.Version, es.Hours, es.ContentHash));
        Assert.Same(es, result.Catalog.InLanguage(course, "es"));

        var fr = result.Catalog.InLanguage(course, "fr");
        Assert.Equal(("Sample course", "Basics"), (fr.Title, fr.Modules[0].Title));
    }

    [Fact]
    public void A_lesson_translation_gives_the_course_in_the_reader_language_its_lesson_title()
    {
        var lesson = File.ReadAllText(Path.Combine(_content.Root, "courses/sample/01-basics/01-first.md"));
        _content.Write("courses/sample/01-basics/01-first.es.md", lesson
            .Replace("title: First lesson", "title: Primera lección", StringComparison.Ordinal)
            .Replace("delivery: live", $"delivery: live\nsource-hash: {CatalogLoader.Sha256(lesson)}", StringComparison.Ordinal));
        var catalog = Load().Catalog;
        var es = catalog.InLanguage(catalog.Courses.Single(), "es");
        Assert.Equal("Primera lección", es.Lessons.Single().Title);
        Assert.Equal("First lesson", catalog.Courses.Single().Lessons.Single().Title);
    }

    [Fact]
    public void Heading_translations_with_other_objectives_unknown_keys_or_a_stale_hash_are_reported()
    {
        WriteHeadings(module: $"title: Lo básico\nobjectives:\n  - Uno.\n  - Dos.\nsource-hash: {HashOf("courses/sample/01-basics/module.yml")}\n");
        var objectives = Only(Load());
        Assert.Equal((ProblemKind.Editorial, "the translation has 2 objectives but the original has 1"), (objectives.Kind, objectives.Message));
        Assert.EndsWith("01-basics/module.es.yml", objectives.File, StringComparison.Ordinal);

        WriteHeadings(course: $"title: Curso\nsummary: Resumen.\nhours: 2\nsource-hash: {HashOf("courses/sample/course.yml")}\n");
        var unknown = Only(Load());
        Assert.Equal(ProblemKind.Structure, unknown.Kind);
        Assert.Contains("'hours'", unknown.Message, StringComparison.Ordinal);

        WriteHeadings(course: "title: Curso\nsummary: Resumen.\nsource-hash: 0123\n");
        Assert.StartsWith("the translation is stale", Only(Load()).Message, StringComparison.Ordinal);

        WriteHeadings(course: "title: Curso\nsummary: Resumen.\n");
        Assert.StartsWith("the translation does not say which version of the original it translates", Only(Load()).Message, StringComparison.Ordinal);
    }
}
