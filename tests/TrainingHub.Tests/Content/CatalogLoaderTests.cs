using TrainingHub.Content;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Content;

public sealed class CatalogLoaderTests : IDisposable
{
    private readonly ContentFolder _content = new();

    public void Dispose() => _content.Dispose();

    private CatalogLoader.Result Load() => CatalogLoader.Load(_content.Root);

    private static ContentProblem Single(CatalogLoader.Result result, string fileEnd)
    {
        var matching = result.Problems.Where(p => p.File.EndsWith(fileEnd, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count == 1, $"expected one problem in {fileEnd}, got: {string.Join(" | ", result.Problems)}");
        return matching[0];
    }

    [Fact]
    public void A_valid_course_loads_with_no_problems_and_renders_its_lessons_without_repeating_the_title()
    {
        _content.WithValidCourse();
        var result = Load();
        Assert.Empty(result.Problems);
        var course = Assert.Single(result.Catalog.Courses);
        Assert.Equal(0.5m, course.Hours);
        var lesson = Assert.Single(course.Lessons);
        Assert.StartsWith("<p>word word", lesson.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1", lesson.Html, StringComparison.Ordinal);
        Assert.Equal(6, course.Modules[0].Quiz!.Questions.Count);
        Assert.Equal(64, course.ContentHash.Length);
    }

    [Fact]
    public void The_shipped_courses_load_with_exact_hours_and_no_problems()
    {
        var result = CatalogLoader.Load(DataPaths.FindContentFolder(AppContext.BaseDirectory));
        Assert.True(result.Problems.Count == 0, string.Join(Environment.NewLine, result.Problems));
        var hours = result.Catalog.Courses.ToDictionary(c => c.Id, c => c.Hours);
        Assert.Equal(30.0m, hours["recovery-coach"]);
        Assert.Equal(15.0m, hours["ethics"]);
        Assert.Equal(4.0m, hours["mat"]);
        Assert.All(result.Catalog.Courses.SelectMany(c => c.Modules), m => Assert.True(m.Quiz!.Questions.Count >= 6, m.Id));
    }

    [Fact]
    public void Invalid_yaml_names_the_file_and_line()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/module.yml", "title: Basics\nhours: 0.5\nobjectives:\n  - one\n bad: indent\n");
        var problem = Single(Load(), "01-basics/module.yml");
        Assert.Equal(ProblemKind.Structure, problem.Kind);
        Assert.StartsWith("this is not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void An_unclosed_bracket_is_reported_not_thrown()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/module.yml", "title: Basics\nhours: [0.5\nobjectives: x\n");
        var problem = Single(Load(), "01-basics/module.yml");
        Assert.Equal("this is not valid YAML: check for an unclosed [ ], { } or quote", problem.Message);
    }

    [Fact]
    public void Lesson_hours_that_do_not_add_up_to_the_module_are_reported_on_the_hours_line()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/module.yml", "title: Basics\nhours: 0.75\nobjectives:\n  - x\n");
        var result = Load();
        var problem = result.Problems.First(p => p.File.EndsWith("module.yml", StringComparison.Ordinal));
        Assert.Equal(2, problem.Line);
        Assert.Equal("the module says 0.75 hours but its lessons add up to 0.5", problem.Message);
    }

    [Theory]
    [InlineData("hours: 0.3", "'hours' must be a positive number of quarter hours")]
    [InlineData("hours: -1", "'hours' must be a positive number of quarter hours")]
    [InlineData("hours: lots", "'hours' must be a number, not 'lots'")]
    [InlineData("delivery: classroom", "'delivery' must be 'live' or 'self-paced', not 'classroom'")]
    [InlineData("domains: [astrology]", "unknown domain 'astrology'")]
    [InlineData("colour: blue", "unknown key 'colour'")]
    public void A_bad_front_matter_value_is_reported_with_file_line_and_reason(string line, string expected)
    {
        _content.WithValidCourse();
        var lesson = ContentFolder.LiveLesson("sample-first", 0.5m);
        var key = line.Split(':')[0];
        var lines = lesson.Split('\n').ToList();
        var index = lines.FindIndex(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        if (index >= 0) lines[index] = line; else lines.Insert(2, line);
        _content.Write("courses/sample/01-basics/01-first.md", string.Join('\n', lines));

        var problems = Load().Problems.Where(p => p.File.EndsWith("01-first.md", StringComparison.Ordinal)).ToList();
        var problem = Assert.Single(problems, p => p.Message.StartsWith(expected, StringComparison.Ordinal));
        Assert.Equal(ProblemKind.Structure, problem.Kind);
        Assert.Equal(index >= 0 ? index + 1 : 3, problem.Line);
    }

    [Fact]
    public void A_lesson_without_front_matter_stops_start_up_with_the_file_name()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/01-first.md", "# Just text\n\n" + ContentFolder.Words(400));
        var e = Assert.Throws<ContentException>(() => CatalogLoader.LoadOrThrow(_content.Root));
        Assert.Contains("content/courses/sample/01-basics/01-first.md:1: the file must start with front matter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_lesson_id_across_courses_is_refused()
    {
        _content.WithValidCourse("one").WithValidCourse("two");
        _content.Write("courses/two/01-basics/01-first.md", ContentFolder.LiveLesson("one-first", 0.5m));
        _content.Write("courses/two/01-basics/01-first.guide.md", ContentFolder.Guide("one-first", 30));
        var problem = Single(Load(), "two/01-basics/01-first.md");
        Assert.Contains("lesson id 'one-first' is already used by content/courses/one/01-basics/01-first.md", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_course_id_that_differs_from_its_folder_is_refused()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/course.yml", File.ReadAllText(Path.Combine(_content.Root, "courses/sample/course.yml")).Replace("id: sample", "id: other", StringComparison.Ordinal));
        var problem = Single(Load(), "sample/course.yml");
        Assert.Equal(1, problem.Line);
        Assert.Contains("they must be the same", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- [x] The right one\n  > Rationale: The lesson says so.\n- [x] A wrong one", "needs at least 3 options with exactly one marked [x]")]
    [InlineData("- [ ] A wrong one\n  > Rationale: The lesson says otherwise.\n- [ ] Another wrong one\n  > Rationale: Not in the lesson.\n- [ ] X", "needs at least 3 options with exactly one marked [x]")]
    public void A_single_choice_question_needs_exactly_one_correct_option(string options, string expected)
    {
        _content.WithValidCourse();
        var quiz = ContentFolder.Quiz(6) + $"\n## q7: single\nStem?\n\n{options}\n  > Rationale: r\n";
        _content.Write("courses/sample/01-basics/quiz.md", quiz);
        var problems = Load().Problems.Where(p => p.File.EndsWith("quiz.md", StringComparison.Ordinal)).ToList();
        Assert.Contains(problems, p => p.Message.Contains(expected, StringComparison.Ordinal) && p.Kind == ProblemKind.Structure);
    }

    [Fact]
    public void An_option_without_a_rationale_is_reported_on_its_line()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/quiz.md", ContentFolder.Quiz(6) + "\n## q7: true-false\nTrue or false?\n\n- [x] True\n- [ ] False\n  > Rationale: r\n");
        var text = File.ReadAllText(Path.Combine(_content.Root, "courses/sample/01-basics/quiz.md")).Split('\n');
        var trueLine = Array.FindIndex(text, l => l == "- [x] True") + 1;
        var problem = Single(Load(), "quiz.md");
        Assert.Equal(trueLine, problem.Line);
        Assert.Equal("the option above has no '> Rationale:' line", problem.Message);
    }

    [Fact]
    public void A_true_false_question_must_offer_exactly_true_then_false()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/quiz.md", ContentFolder.Quiz(6) + "\n## q7: true-false\nTrue or false?\n\n- [x] Yes\n  > Rationale: r\n- [ ] No\n  > Rationale: r\n");
        var problem = Single(Load(), "quiz.md");
        Assert.Contains("exactly the options 'True' then 'False'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quiz_with_too_few_questions_or_no_scenario_fails_the_linter_but_not_start_up()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/quiz.md", ContentFolder.Quiz(5, scenario: false));
        var result = Load();
        Assert.All(result.Problems, p => Assert.Equal(ProblemKind.Editorial, p.Kind));
        Assert.Contains(result.Problems, p => p.Message == "the quiz has 5 questions; a module quiz needs at least 6");
        Assert.Contains(result.Problems, p => p.Message.StartsWith("the quiz has no scenario question", StringComparison.Ordinal));
        Assert.Single(CatalogLoader.LoadOrThrow(_content.Root).Courses);
    }

    [Theory]
    [InlineData(0, "bank-size: an attempt draws the whole bank of 9 questions; set 'draw' to at most 6")]
    [InlineData(7, "bank-size: the bank holds 9 questions for a draw of 7; it needs at least 11 (1.5 times the draw), or a draw of at most 6")]
    public void A_bank_smaller_than_one_and_a_half_times_its_draw_fails_the_linter_but_not_start_up(int draw, string expected)
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/quiz.md", ContentFolder.Quiz(9, draw: draw));
        var problem = Assert.Single(Load().Problems);
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
        Assert.Single(CatalogLoader.LoadOrThrow(_content.Root).Courses);
    }

    [Fact]
    public void A_bank_of_exactly_one_and_a_half_times_its_draw_passes()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/quiz.md", ContentFolder.Quiz(9, draw: 6));
        Assert.Empty(Load().Problems);
    }

    [Fact]
    public void A_bank_whose_keys_sit_mostly_in_one_position_fails_the_linter()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/quiz.md", ContentFolder.Quiz(9, draw: 6, keyAt: 0));
        var problem = Assert.Single(Load().Problems);
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.Equal("key-position: option 1 is the key of 9 of the 9 single-choice questions; no position may hold more than half of them", problem.Message);
    }

    [Fact]
    public void A_lesson_may_split_its_hours_across_domains_and_the_parts_must_add_up_to_its_hours()
    {
        _content.WithValidCourse();
        var lesson = ContentFolder.LiveLesson("sample-first", 0.5m);
        _content.Write("courses/sample/01-basics/01-first.md", lesson.Replace("domains: [advocacy]", "domains: { advocacy: 0.25, ethical-responsibility: 0.25 }", StringComparison.Ordinal));
        var loaded = Load();
        Assert.Empty(loaded.Problems);
        var parts = loaded.Catalog.Courses.Single().Lessons.Single().DomainHours;
        Assert.Equal([new DomainPart("advocacy", 0.25m), new DomainPart("ethical-responsibility", 0.25m)], parts);

        _content.Write("courses/sample/01-basics/01-first.md", lesson.Replace("domains: [advocacy]", "domains: { advocacy: 0.25, ethical-responsibility: 0.5 }", StringComparison.Ordinal));
        Assert.Contains(Load().Problems, p => p.Message == "the domain hours add up to 0.75 but the lesson is 0.5 hours");
        _content.Write("courses/sample/01-basics/01-first.md", lesson.Replace("domains: [advocacy]", "domains: { advocacy: 0.3, ethical-responsibility: 0.2 }", StringComparison.Ordinal));
        Assert.Contains(Load().Problems, p => p.Message == "the hours of domain 'advocacy' must be a positive multiple of 0.25, not 0.3");
        _content.Write("courses/sample/01-basics/01-first.md", lesson.Replace("domains: [advocacy]", "domains: { advocacy: 0.25, fundraising: 0.25 }", StringComparison.Ordinal));
        Assert.Contains(Load().Problems, p => p.Message.StartsWith("unknown domain 'fundraising'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_of_domains_gives_every_hour_to_the_first()
    {
        _content.WithValidCourse();
        var lesson = Load().Catalog.Courses.Single().Lessons.Single();
        Assert.Equal([new DomainPart(lesson.Domains[0], 0.5m)], lesson.DomainHours);
    }

    [Fact]
    public void A_quiz_that_draws_more_questions_than_its_bank_holds_is_refused_on_the_draw_line()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/quiz.md", "---\ndraw: 7\n---\n" + ContentFolder.Quiz(6, draw: 0));
        var problem = Single(Load(), "quiz.md");
        Assert.Equal("'draw' is 7 but the quiz's bank has only 6 questions: a quiz cannot draw more questions than its bank holds", problem.Message);
        Assert.Equal(2, problem.Line);
        Assert.Equal(ProblemKind.Structure, problem.Kind);

        _content.Write("courses/sample/01-basics/quiz.md", "---\ndraw: 4\n---\n" + ContentFolder.Quiz(6, draw: 0));
        var drawn = Load();
        Assert.Empty(drawn.Problems);
        Assert.Equal(4, drawn.Catalog.Courses.Single().Modules[0].Quiz!.Draw);
    }

    [Fact]
    public void Stigmatising_language_is_reported_on_its_line_with_an_alternative()
    {
        _content.WithValidCourse();
        var lesson = ContentFolder.LiveLesson("sample-first", 0.5m, extraBody: "\nShe has been clean for two years.\nThe National Institute on Drug Abuse is a source.");
        _content.Write("courses/sample/01-basics/01-first.md", lesson);
        var lines = lesson.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var problem = Single(Load(), "01-first.md");
        Assert.Equal(Array.FindIndex(lines, l => l.Contains("clean", StringComparison.Ordinal)) + 1, problem.Line);
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.Equal("'clean' is stigmatising or unclear language; use in recovery", problem.Message);
    }

    [Theory]
    [InlineData("They were kind to him while he was still using.", "still using", "uses drugs")]
    [InlineData("She left detox on Friday.", "detox", "withdrawal management")]
    [InlineData("He went through detoxification twice.", "detoxification", "withdrawal management")]
    [InlineData("Her medication is a crutch.", "crutch", "medication")]
    public void The_shipped_word_list_refuses_still_using_detox_and_crutch_in_the_authors_own_voice(string sentence, string word, string instead)
    {
        _content.Write("language.yml", File.ReadAllText(Path.Combine(DataPaths.FindContentFolder(AppContext.BaseDirectory), "language.yml")));
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/01-first.md", ContentFolder.LiveLesson("sample-first", 0.5m, extraBody: "\n" + sentence));
        var problem = Single(Load(), "01-first.md");
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.StartsWith($"'{word}' is stigmatising or unclear language; use {instead}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_word_list_allows_those_words_as_marked_quotations_of_the_stigma_a_lesson_challenges()
    {
        _content.Write("language.yml", File.ReadAllText(Path.Combine(DataPaths.FindContentFolder(AppContext.BaseDirectory), "language.yml")));
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/01-first.md", ContentFolder.LiveLesson("sample-first", 0.5m, extraBody: string.Join('\n',
            "",
            "A member told her she was \"still using\" and should not share.",
            "Avoid calling medication a \"crutch\".",
            "*\"Medication is just a crutch.\"* Medication treats a long-term condition.")));
        Assert.Empty(Load().Problems);
    }

    [Fact]
    public void A_short_lesson_and_an_agenda_that_does_not_fill_the_hours_are_editorial_problems()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/01-first.md", """
            ---
            id: sample-first
            title: Short
            hours: 0.5
            delivery: live
            objectives: [x]
            domains: [advocacy]
            agenda:
              - { minutes: 5, activity: opening, title: Hello }
              - { minutes: 10, activity: closing, title: Bye }
            ---
            Only a few words here.
            """);
        var messages = Load().Problems.Select(p => p.Message).ToList();
        Assert.Contains("the lesson text has 5 words; a lesson needs at least 300", messages);
        Assert.Contains("the agenda adds up to 15 minutes but the lesson is 0.5 hours (30 minutes)", messages);
    }

    [Fact]
    public void A_self_paced_lesson_must_claim_realistic_reading_time()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/01-first.md", $"""
            ---
            id: sample-first
            title: Reading
            hours: 0.5
            delivery: self-paced
            objectives: [x]
            domains: [advocacy]
            time: {"{"} reading: 20, activity: 5, reflection: 5 {"}"}
            ---
            {ContentFolder.Words(400)}

            ## Activity
            Do a thing.

            ## Reflection
            Think about it.
            """);
        var problem = Single(Load(), "01-first.md");
        Assert.Equal(8, problem.Line);
        Assert.StartsWith("20 reading minutes is not realistic for 400 words of reading: allow at most 6 minutes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_html_in_a_lesson_is_shown_as_text_never_as_markup()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/01-first.md", ContentFolder.LiveLesson("sample-first", 0.5m, "\n<script>alert('x')</script>\n"));
        var lesson = Load().Catalog.Courses[0].Lessons.Single();
        Assert.DoesNotContain("<script>", lesson.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", lesson.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_hash_changes_with_a_lesson_and_only_then()
    {
        _content.WithValidCourse();
        var first = Load().Catalog.Courses[0];
        var again = Load().Catalog.Courses[0];
        Assert.Equal(first.ContentHash, again.ContentHash);
        Assert.Equal(first.Lessons.Single().ContentHash, again.Lessons.Single().ContentHash);

        _content.Write("courses/sample/01-basics/01-first.md", ContentFolder.LiveLesson("sample-first", 0.5m, "One more sentence."));
        var changed = Load().Catalog.Courses[0];
        Assert.NotEqual(first.ContentHash, changed.ContentHash);
        Assert.NotEqual(first.Lessons.Single().ContentHash, changed.Lessons.Single().ContentHash);
    }
}
