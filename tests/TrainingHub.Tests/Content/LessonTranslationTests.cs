using TrainingHub.Content;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Content;

/// <summary>Lesson translations (<c>01-first.es.md</c>): loaded beside the original, facts checked, structure and staleness linted.</summary>
public sealed class LessonTranslationTests : IDisposable
{
    private const string LessonPath = "courses/sample/01-basics/01-first.md";
    private const string TranslationPath = "courses/sample/01-basics/01-first.es.md";
    private readonly ContentFolder _content = new();

    public void Dispose() => _content.Dispose();

    private CatalogLoader.Result Load() => CatalogLoader.Load(_content.Root);

    private string OriginalHash() => CatalogLoader.Sha256(File.ReadAllText(Path.Combine(_content.Root, LessonPath)));

    /// <summary>The sample lesson in "Spanish": the same front matter with a translated title and the source hash.</summary>
    private string Translation(Func<string, string>? change = null)
    {
        var text = File.ReadAllText(Path.Combine(_content.Root, LessonPath))
            .Replace("title: First lesson", "title: Primera lección", StringComparison.Ordinal)
            .Replace("  - Say what a coach does.", "  - Decir qué hace un coach.", StringComparison.Ordinal)
            .Replace("# First lesson", "# Primera lección", StringComparison.Ordinal)
            .Replace("recovery.", "recuperación.", StringComparison.Ordinal)
            .Replace("delivery: live", $"delivery: live\nsource-hash: {OriginalHash()}", StringComparison.Ordinal);
        return change is null ? text : change(text);
    }

    private static ContentProblem Only(CatalogLoader.Result result)
    {
        Assert.True(result.Problems.Count == 1, $"expected one problem, got: {string.Join(" | ", result.Problems)}");
        return result.Problems[0];
    }

    [Fact]
    public void A_translation_is_loaded_by_language_and_leaves_the_course_and_its_hash_alone()
    {
        _content.WithValidCourse();
        var before = Load().Catalog.Courses[0].ContentHash;
        _content.Write(TranslationPath, Translation());
        var result = Load();
        Assert.Empty(result.Problems);
        var es = result.Catalog.FindTranslation("sample", "sample-first", "es");
        Assert.NotNull(es);
        Assert.Equal("Primera lección", es.Title);
        Assert.Equal(["Decir qué hace un coach."], es.Objectives);
        Assert.Contains("word recuperación.", es.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("recuperación", result.Catalog.Courses[0].Lessons.Single().Html, StringComparison.Ordinal);
        Assert.Null(result.Catalog.FindTranslation("sample", "sample-first", "fr"));
        Assert.Equal(before, result.Catalog.Courses[0].ContentHash);
        Assert.Single(result.Catalog.Courses[0].Lessons);
    }

    [Theory]
    [InlineData("hours: 0.5", "hours: 0.75", "'hours' must be the original's")]
    [InlineData("id: sample-first", "id: sample-other", "'id' must be the original's")]
    [InlineData("delivery: live", "delivery: self-paced", "'delivery' must be the original's")]
    [InlineData("domains: [advocacy]", "domains: [ethical-responsibility]", "'domains' must be the original's")]
    public void Front_matter_facts_that_differ_from_the_original_stop_loading(string from, string to, string message)
    {
        _content.WithValidCourse();
        _content.Write(TranslationPath, Translation(t => t.Replace(from, to, StringComparison.Ordinal)));
        var problem = Only(Load());
        Assert.Equal(ProblemKind.Structure, problem.Kind);
        Assert.EndsWith("01-first.es.md", problem.File, StringComparison.Ordinal);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agenda_with_other_minutes_or_activities_is_an_error_but_translated_titles_are_not()
    {
        _content.WithValidCourse();
        _content.Write(TranslationPath, Translation(t => t.Replace("title: Welcome }", "title: Bienvenida }", StringComparison.Ordinal)));
        Assert.Empty(Load().Problems);
        _content.Write(TranslationPath, Translation(t => t.Replace("{ minutes: 5, activity: opening", "{ minutes: 5, activity: discussion", StringComparison.Ordinal)));
        Assert.Contains("the agenda must have the original's activities", Only(Load()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_that_do_not_match_the_original_are_reported()
    {
        _content.WithValidCourse();
        _content.Write(TranslationPath, Translation(t => t + "\n## Una sección de más\n"));
        var problem = Only(Load());
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.Equal("the headings do not match the original's: it has 1 headings (#), the translation 2 headings (# ##)", problem.Message);
    }

    [Fact]
    public void A_translation_without_a_source_hash_or_made_from_an_older_original_is_reported()
    {
        _content.WithValidCourse();
        var hash = OriginalHash();
        _content.Write(TranslationPath, Translation(t => t.Replace($"source-hash: {hash}\n", "", StringComparison.Ordinal)));
        Assert.Contains($"add 'source-hash: {hash}'", Only(Load()).Message, StringComparison.Ordinal);

        _content.Write(TranslationPath, Translation());
        _content.Write(LessonPath, ContentFolder.LiveLesson("sample-first", 0.5m, "A sentence added after the translation."));
        var stale = Only(Load());
        Assert.Equal(ProblemKind.Editorial, stale.Kind);
        Assert.StartsWith("the translation is stale: the original changed after it was translated", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_translation_without_an_original_is_an_error()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/02-missing.es.md", Translation());
        var problem = Only(Load());
        Assert.Equal(ProblemKind.Structure, problem.Kind);
        Assert.Equal("'02-missing.es.md' looks like a translation of '02-missing.md', but there is no such lesson next to it", problem.Message);
    }

    [Fact]
    public void Spanish_stigmatising_words_are_refused_in_a_translation_outside_allowed_quotations()
    {
        _content.WithValidCourse();
        _content.Write("language.yml", """
            refused:
              - { pattern: "adict[oa]s?", instead: "una persona en recuperación" }
              - { pattern: "limpi[oa]s?", instead: "en recuperación" }
            allowed:
              - '"limpio"'
            """);
        _content.Write(TranslationPath, Translation(t => t + "\nUna persona adicta. Decir \"limpio\" estigmatiza.\n"));
        var problem = Only(Load());
        Assert.Equal("'adicta' is stigmatising or unclear language; use una persona en recuperación", problem.Message);
    }

    [Theory]
    [InlineData("Era un adicto.", "adicto", "una persona con un trastorno por consumo de sustancias")]
    [InlineData("Lleva dos años limpia.", "limpia", "en recuperación")]
    [InlineData("La prueba salió sucia.", "sucia", "que consume")]
    [InlineData("La metadona no es una droga sustituta.", "droga sustituta", "medicamento")]
    [InlineData("Le decían yonqui en el barrio.", "yonqui", "una persona que usa drogas")]
    [InlineData("Lo trataban como a un tecato.", "tecato", "una persona que usa drogas")]
    [InlineData("Era toxicómana, decían.", "toxicómana", "una persona con un trastorno por consumo de sustancias")]
    [InlineData("Hablaban de su drogadicción.", "drogadicción", "trastorno por consumo de sustancias")]
    [InlineData("Recibe tratamiento sustitutivo con metadona.", "tratamiento sustitutivo", "tratamiento con medicamentos")]
    [InlineData("Los metadoneros esperan afuera.", "metadoneros", "una persona que toma metadona")]
    [InlineData("Su medicamento es una muleta.", "muleta", "medicamento")]
    public void The_shipped_Spanish_list_refuses_stigmatising_words_in_a_translation_outside_quotations(string sentence, string word, string instead)
    {
        _content.Write("language.yml", File.ReadAllText(Path.Combine(DataPaths.FindContentFolder(AppContext.BaseDirectory), "language.yml")));
        _content.WithValidCourse();
        _content.Write(TranslationPath, Translation(t => t + "\n" + sentence + "\n"));
        var problem = Only(Load());
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.StartsWith($"'{word}' is stigmatising or unclear language; use {instead}", problem.Message, StringComparison.Ordinal);

        _content.Write(TranslationPath, Translation(t => t + "\nDecir \"limpio\" o \"adicto\" estigmatiza; mejor: en recuperación.\n" +
            "El mito dice: \"La metadona es una muleta\". Llamarla \"muleta\" estigmatiza.\n"));
        Assert.Empty(Load().Problems);
    }

    private const string QuizPath = "courses/sample/01-basics/quiz.md";
    private const string QuizTranslationPath = "courses/sample/01-basics/quiz.es.md";

    private string QuizTranslation(Func<string, string>? change = null)
    {
        var original = File.ReadAllText(Path.Combine(_content.Root, QuizPath));
        var body = original[(original.IndexOf("\n## ", StringComparison.Ordinal) + 1)..];
        var text = $"---\nsource-hash: {CatalogLoader.Sha256(original)}\n---\n\n" + body;
        return change is null ? text : change(text);
    }

    [Fact]
    public void A_quiz_translation_with_the_original_keys_is_loaded_and_keeps_the_original_pass_mark_and_draw()
    {
        _content.WithValidCourse();
        _content.Write(QuizTranslationPath, QuizTranslation());
        var result = Load();
        Assert.Empty(result.Problems);
        var original = result.Catalog.Courses[0].Modules[0].Quiz!;
        var es = result.Catalog.FindQuizTranslation("sample", "01-basics", "es");
        Assert.NotNull(es);
        Assert.Equal(original.Questions.Select(q => q.Id), es.Quiz.Questions.Select(q => q.Id));
        Assert.Equal((original.PassMark, original.Draw), (es.Quiz.PassMark, es.Quiz.Draw));
    }

    [Fact]
    public void A_quiz_translation_with_another_key_is_an_error_and_a_stale_one_is_reported()
    {
        _content.WithValidCourse();
        // Move the first question's key: mark its first option and unmark its correct one.
        _content.Write(QuizTranslationPath, QuizTranslation(t =>
        {
            var first = t.IndexOf("- [", StringComparison.Ordinal);
            var marked = t.IndexOf("- [x]", StringComparison.Ordinal);
            var chars = t.ToCharArray();
            if (marked == first)
            {
                var second = t.IndexOf("- [", first + 1, StringComparison.Ordinal);
                chars[first + 3] = ' '; chars[second + 3] = 'x';
            }
            else
            {
                chars[first + 3] = 'x'; chars[marked + 3] = ' ';
            }
            return new string(chars);
        }));
        var problem = Only(Load());
        Assert.Equal(ProblemKind.Structure, problem.Kind);
        Assert.StartsWith("the questions and keys must be the original's in the same order; they differ at question 1", problem.Message, StringComparison.Ordinal);

        _content.Write(QuizTranslationPath, QuizTranslation(t => t.Replace("source-hash: ", "source-hash: 0", StringComparison.Ordinal)));
        Assert.StartsWith("the translation is stale", Only(Load()).Message, StringComparison.Ordinal);
    }
}
