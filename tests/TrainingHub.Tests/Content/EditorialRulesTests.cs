using TrainingHub.Content;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Content;

/// <summary>The content linter's rules for one voice: US spelling, reading level and the cast of case characters.</summary>
public sealed class EditorialRulesTests : IDisposable
{
    private readonly ContentFolder _content = new();

    public void Dispose() => _content.Dispose();

    private List<ContentProblem> LessonProblems(string extraBody)
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/01-first.md", ContentFolder.LiveLesson("sample-first", 0.5m, extraBody: "\n" + extraBody));
        return CatalogLoader.Load(_content.Root).Problems.Where(p => p.File.EndsWith("01-first.md", StringComparison.Ordinal)).ToList();
    }

    private void ShippedLanguageRules() =>
        _content.Write("language.yml", File.ReadAllText(Path.Combine(DataPaths.FindContentFolder(AppContext.BaseDirectory), "language.yml")));

    [Theory]
    [InlineData("The programme meets on Mondays.", "programme", "program, programs")]
    [InlineData("We talk about behaviour, not character.", "behaviour", "behavior, behavioral")]
    [InlineData("The peer centre opens at nine.", "centre", "center, centered")]
    [InlineData("Each organisation has its own policy.", "organisation", "-ize, -ization (organize, recognize, stigmatize)")]
    [InlineData("She found counselling helpful.", "counselling", "counseling, counselor")]
    [InlineData("He lost his driving licence.", "licence", "license (noun and verb)")]
    [InlineData("Practise the skill in pairs.", "Practise", "practice (noun and verb)")]
    public void British_spelling_in_the_authors_own_voice_is_refused_with_the_US_spelling(string sentence, string word, string us)
    {
        ShippedLanguageRules();
        var problem = Assert.Single(LessonProblems(sentence));
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.Equal($"'{word}' is British spelling; the courses use US spelling: {us}", problem.Message);
    }

    [Fact]
    public void British_spelling_is_allowed_in_quotations_link_texts_addresses_and_the_titles_of_cited_works()
    {
        ShippedLanguageRules();
        var problems = LessonProblems(string.Join('\n',
            "A member told him the \"programme\" would fix him, in “their organisation”.",
            "> The programme gave me my life back.",
            "Read [the World Health Organisation's guide](https://www.who.int/programmes/centre).",
            "  > Rationale: the lesson says so."));
        Assert.Empty(problems);

        _content.Write("courses/sample/course.yml", """
            id: sample
            title: Sample course
            version: "1"
            hours: 0.5
            summary: A small course for tests.
            published: true
            references:
              - title: "WHO. Guidelines for the psychosocially assisted pharmacological treatment of opioid dependence: programme organisation"
                url: https://www.who.int/publications/i/item/9789241547543
            """);
        Assert.Empty(CatalogLoader.Load(_content.Root).Problems);
    }

    [Fact]
    public void A_rationale_in_a_quiz_is_the_authors_voice_and_is_checked_for_spelling()
    {
        ShippedLanguageRules();
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/quiz.md", ContentFolder.Quiz(6).Replace("> Rationale: The lesson says so.", "> Rationale: The programme says so.", StringComparison.Ordinal));
        var problems = CatalogLoader.Load(_content.Root).Problems;
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal("'programme' is British spelling; the courses use US spelling: program, programs", p.Message));
    }

    [Theory]
    [InlineData("the", 1)]
    [InlineData("table", 2)]
    [InlineData("people", 2)]
    [InlineData("walked", 1)]
    [InlineData("wanted", 2)]
    [InlineData("makes", 1)]
    [InlineData("boxes", 2)]
    [InlineData("being", 2)]
    [InlineData("opioid", 3)]
    [InlineData("methadone", 3)]
    [InlineData("recovery", 4)]
    [InlineData("medication", 4)]
    [InlineData("buprenorphine", 4)]
    public void Syllables_are_counted_by_rule(string word, int syllables) => Assert.Equal(syllables, ReadingLevel.Syllables(word));

    private const string Dense = "Comprehensive individualized rehabilitation necessitates interdisciplinary coordination and sustainable institutional collaboration throughout community implementation.";

    [Fact]
    public void A_lesson_above_grade_nine_is_reported_with_its_measure_and_a_plain_lesson_is_not()
    {
        var problem = Assert.Single(LessonProblems(string.Join('\n', Enumerable.Repeat(Dense, 20))));
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.StartsWith("the lesson reads at Flesch-Kincaid grade ", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("lessons read at grade 9 or below: split long sentences, use shorter words", problem.Message, StringComparison.Ordinal);

        Assert.Empty(LessonProblems("A coach listens. The person leads. They choose the next step together."));
    }

    [Fact]
    public void Headings_quotations_and_citations_do_not_count_toward_the_grade()
    {
        var problems = LessonProblems(string.Join('\n', Enumerable.Range(0, 20).SelectMany(_ => new[]
        {
            "## " + Dense,
            "> " + Dense,
            "She read it aloud: \"" + Dense + "\"",
            "(Comprehensive Institutional Rehabilitation Collaboration, 2021)",
            "",
        })));
        Assert.Empty(problems);
        var measure = ReadingLevel.Of(["## " + Dense, "", "> " + Dense, "", "A coach listens (Interdisciplinary Institutional Collaboration, 2019)."]);
        Assert.Equal(new ReadingLevel.Measure(3, 1, 4), measure);
    }

    [Fact]
    public void Each_list_item_and_table_cell_ends_a_sentence_and_abbreviations_do_not()
    {
        var sentences = ReadingLevel.Sentences(["- one item", "- another item", "| a cell | another cell |", "|---|---|", "Ask Dr. Lee, e.g. at noon. Then rest!"]);
        Assert.Equal(new[] { "one item", "another item", " a cell ", " another cell ", "Ask Dr Lee, eg at noon.", "Then rest!" }, sentences);
    }

    private void Cast() => _content.Write("cast.yml", """
        cast:
          - { name: Harold, age: 71, medication: methadone, role: person, setting: "20 years on methadone" }
          - { name: Rosa, age: 44, medication: none, role: person, setting: "Weighing her options" }
        """);

    [Theory]
    [InlineData("Harold, 61, has taken methadone for 20 years.", "Harold is 71 in content/cast.yml, not 61")]
    [InlineData("Harold is 68 and lives alone.", "Harold is 71 in content/cast.yml, not 68")]
    [InlineData("Harold is a 68-year-old man.", "Harold is 71 in content/cast.yml, not 68")]
    [InlineData("Harold (65) comes to group.", "Harold is 71 in content/cast.yml, not 65")]
    [InlineData("Harold started buprenorphine after an overdose.", "Harold takes methadone in content/cast.yml, not buprenorphine")]
    [InlineData("Zelda, 30, started buprenorphine last month.", "'Zelda' is a case name not in content/cast.yml: use a character of the cast, or add them with their details")]
    [InlineData("## Case study: Zelda's first week", "'Zelda' is a case name not in content/cast.yml: use a character of the cast, or add them with their details")]
    public void A_case_character_who_differs_from_the_cast_or_is_not_in_it_is_reported(string text, string message)
    {
        Cast();
        var problem = Assert.Single(LessonProblems(text));
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void A_case_character_as_the_cast_has_them_is_fine_in_lessons_quizzes_and_guides()
    {
        Cast();
        Assert.Empty(LessonProblems(string.Join('\n',
            "## Case study: Harold and the nursing facility",
            "Harold, 71, has taken methadone for 20 years. A friend of his takes buprenorphine.",
            "Rosa is 44. She is weighing methadone and buprenorphine with her prescriber.",
            "In 2021, 22% of people got treatment. Step 3 is 10 minutes long.")));
        _content.Write("courses/sample/01-basics/quiz.md", ContentFolder.Quiz(6).Replace("Which answer is right for question 1?", "Harold, 61, asks for help. Which answer is right for question 1?", StringComparison.Ordinal));
        var quiz = Assert.Single(CatalogLoader.Load(_content.Root).Problems);
        Assert.Equal("Harold is 71 in content/cast.yml, not 61", quiz.Message);
    }

    [Fact]
    public void The_shipped_cast_is_loaded_with_each_name_once()
    {
        var catalog = CatalogLoader.Load(DataPaths.FindContentFolder(AppContext.BaseDirectory)).Catalog;
        Assert.Contains(catalog.Cast, c => c is { Name: "Harold", Age: 71, Medication: "methadone" });
        Assert.Equal(catalog.Cast.Count, catalog.Cast.Select(c => c.Name).Distinct().Count());
    }
}
