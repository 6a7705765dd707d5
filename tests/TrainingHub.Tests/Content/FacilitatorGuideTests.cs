using TrainingHub.Content;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Content;

/// <summary>The content linter's checks on facilitator's guides, one broken fixture at a time.</summary>
public sealed class FacilitatorGuideTests : IDisposable
{
    private const string GuidePath = "courses/sample/01-basics/01-first.guide.md";
    private readonly ContentFolder _content = new();

    public void Dispose() => _content.Dispose();

    private CatalogLoader.Result Load() => CatalogLoader.Load(_content.Root);

    private static ContentProblem Only(CatalogLoader.Result result)
    {
        Assert.True(result.Problems.Count == 1, $"expected one problem, got: {string.Join(" | ", result.Problems)}");
        return result.Problems[0];
    }

    private static string RolePlayLesson() => ContentFolder.LiveLesson("sample-first", 0.5m)
        .Replace("  - { minutes: 5, activity: closing", "  - { minutes: 0, activity: role-play, title: x }\n  - { minutes: 5, activity: closing", StringComparison.Ordinal)
        .Replace("{ minutes: 20, activity: teaching", "{ minutes: 10, activity: teaching", StringComparison.Ordinal)
        .Replace("{ minutes: 0, activity: role-play", "{ minutes: 10, activity: role-play", StringComparison.Ordinal);

    [Fact]
    public void A_guide_is_attached_to_its_lesson_with_its_timings_and_ticks_for_checklist_items()
    {
        _content.WithValidCourse();
        _content.Write(GuidePath, ContentFolder.Guide("sample-first", 30, "\n## Notes\n\n- [ ] Room booked\n"));
        var result = Load();
        Assert.Empty(result.Problems);
        var guide = result.Catalog.FindGuide("sample", "sample-first");
        Assert.NotNull(guide);
        Assert.Equal([5, 20, 5], guide.Timings.Select(t => t.Minutes));
        Assert.Contains("<h2>Teaching points</h2>", guide.Html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"check\">Room booked", guide.Html, StringComparison.Ordinal);
        Assert.Null(result.Catalog.FindGuide("sample", "no-such-lesson"));
    }

    [Fact]
    public void A_guide_does_not_change_the_course_content_hash_trainees_are_enrolled_on()
    {
        _content.WithValidCourse();
        var before = Load().Catalog.Courses[0].ContentHash;
        _content.Write(GuidePath, ContentFolder.Guide("sample-first", 30, "\n- Another point.\n"));
        Assert.Equal(before, Load().Catalog.Courses[0].ContentHash);
    }

    [Fact]
    public void A_live_lesson_without_a_guide_is_reported_on_the_lesson()
    {
        _content.WithValidCourse();
        File.Delete(Path.Combine(_content.Root, GuidePath));
        var problem = Only(Load());
        Assert.EndsWith("01-basics/01-first.md", problem.File, StringComparison.Ordinal);
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.Equal("the live lesson has no facilitator's guide: add 01-first.guide.md next to it", problem.Message);
    }

    [Fact]
    public void A_second_guide_for_the_same_lesson_is_reported()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/01-first-copy.guide.md", ContentFolder.Guide("sample-first", 30));
        var problems = Load().Problems;
        Assert.Contains(problems, p => p.Message == "name the guide '01-first.guide.md', after its lesson's file");
        Assert.Contains(problems, p => p.Message.StartsWith("lesson 'sample-first' already has a guide", StringComparison.Ordinal));
    }

    [Fact]
    public void A_guide_naming_a_lesson_that_does_not_exist_is_reported()
    {
        _content.WithValidCourse();
        _content.Write(GuidePath, ContentFolder.Guide("sample-missing", 30));
        var problems = Load().Problems;
        Assert.Contains(problems, p => p.File.EndsWith(GuidePath, StringComparison.Ordinal)
            && p.Message == "the guide is for lesson 'sample-missing', but no lesson in this module has that id" && p.Line == 2);
        Assert.Contains(problems, p => p.Message.StartsWith("the live lesson has no facilitator's guide", StringComparison.Ordinal));
    }

    [Fact]
    public void A_guide_for_a_self_paced_lesson_is_reported()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/module.yml", "title: Basics\nhours: 0.75\nobjectives:\n  - x\n");
        _content.Write("courses/sample/course.yml", File.ReadAllText(Path.Combine(_content.Root, "courses/sample/course.yml")).Replace("hours: 0.5", "hours: 0.75", StringComparison.Ordinal));
        _content.Write("courses/sample/01-basics/02-reading.md", """
            ---
            id: sample-reading
            title: Reading
            hours: 0.25
            delivery: self-paced
            objectives: [Read.]
            domains: [advocacy]
            time: { reading: 5, activity: 5, reflection: 5 }
            ---

            """ + ContentFolder.Words(320) + "\n\n## Activity\n\nDo it.\n\n## Reflection\n\nThink.\n");
        _content.Write("courses/sample/01-basics/02-reading.guide.md", ContentFolder.Guide("sample-reading", 15));
        var problem = Only(Load());
        Assert.Equal("lesson 'sample-reading' is self-paced: only live lessons have a facilitator's guide", problem.Message);
    }

    [Fact]
    public void Timings_that_do_not_fill_the_lesson_are_reported_on_the_timings_heading()
    {
        _content.WithValidCourse();
        _content.Write(GuidePath, ContentFolder.Guide("sample-first", 45));
        var problem = Only(Load());
        Assert.Equal("the guide's timings add up to 45 minutes but the lesson is 0.5 hours (30 minutes)", problem.Message);
        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void Timings_may_be_a_list_of_minutes()
    {
        _content.WithValidCourse();
        var guide = ContentFolder.Guide("sample-first", 30);
        var start = guide.IndexOf("| Minutes", StringComparison.Ordinal);
        var end = guide.IndexOf("## Teaching", StringComparison.Ordinal);
        _content.Write(GuidePath, guide[..start] + "- 10 min: Opening\n- **20 min** — Teaching and closing\n\n" + guide[end..]);
        Assert.Empty(Load().Problems);
    }

    [Theory]
    [InlineData("## Teaching points", "the guide needs a '## Teaching points' section")]
    [InlineData("## Materials", "the guide needs a '## Materials' section")]
    [InlineData("## Discussion prompts", "the guide needs a '## Discussion prompts' section")]
    [InlineData("## Timings", "the guide needs a '## Timings' section: a table or list of minutes adding up to the lesson's 30 minutes")]
    public void A_missing_required_section_is_reported(string heading, string message)
    {
        _content.WithValidCourse();
        _content.Write(GuidePath, ContentFolder.Guide("sample-first", 30).Replace(heading, "## Something else", StringComparison.Ordinal));
        Assert.Equal(message, Only(Load()).Message);
    }

    [Fact]
    public void A_prompt_without_the_points_of_a_good_answer_is_reported()
    {
        _content.WithValidCourse();
        _content.Write(GuidePath, ContentFolder.Guide("sample-first", 30, "\n### Why do boundaries matter?\n\nDiscuss.\n"));
        Assert.Equal("the prompt 'Why do boundaries matter?' needs a list of the points a good answer makes", Only(Load()).Message);
    }

    [Fact]
    public void A_lesson_with_a_role_play_needs_an_observer_checklist()
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/01-first.md", RolePlayLesson());
        Assert.Equal("the lesson has a role play, so the guide needs a '## Role play' section with a '### Observer checklist'", Only(Load()).Message);

        _content.Write(GuidePath, ContentFolder.Guide("sample-first", 30, "\n## Role play\n\nPairs, five minutes each.\n\n### Observer checklist\n\n- The coach listened.\n"));
        Assert.Equal("'## Role play' needs a '### Observer checklist' with items like '- [ ] The coach asked before advising'", Only(Load()).Message);

        _content.Write(GuidePath, ContentFolder.Guide("sample-first", 30, "\n## Role play\n\nPairs.\n\n### Observer checklist\n\n- [ ] The coach listened.\n"));
        Assert.Empty(Load().Problems);
    }

    [Fact]
    public void A_lesson_that_teaches_an_observed_skill_needs_its_skills_checklist()
    {
        _content.WithValidCourse();
        _content.Write("skills.yml", "- id: naloxone\n  name: Responding to an overdose\n  lessons: [sample-first]\n");
        Assert.Equal("the lesson teaches Responding to an overdose, so the guide needs a '## Skills checklist' section", Only(Load()).Message);

        _content.Write(GuidePath, ContentFolder.Guide("sample-first", 30, "\n## Skills checklist\n\n### Rescue breathing\n\n- [ ] Tilts the head.\n"));
        Assert.Equal("'## Skills checklist' needs a '### Responding to an overdose' with items like '- [ ] Names the overdose signs'", Only(Load()).Message);

        _content.Write(GuidePath, ContentFolder.Guide("sample-first", 30, "\n## Skills checklist\n\n### Responding to an overdose\n\n- [ ] Checks for a response.\n"));
        Assert.Empty(Load().Problems);
    }

    [Fact]
    public void A_skill_naming_a_lesson_that_is_not_live_is_reported()
    {
        _content.WithValidCourse();
        _content.Write("skills.yml", "- id: naloxone\n  name: Responding to an overdose\n  lessons: [sample-nowhere]\n");
        Assert.Equal("skill 'naloxone' names lesson 'sample-nowhere', which is not a live lesson of any course", Only(Load()).Message);
    }

    [Fact]
    public void A_guide_is_held_to_the_language_rules()
    {
        _content.WithValidCourse();
        _content.Write(GuidePath, ContentFolder.Guide("sample-first", 30, "\n- Ask how long they have been clean.\n"));
        var problem = Only(Load());
        Assert.EndsWith(GuidePath, problem.File, StringComparison.Ordinal);
        Assert.Contains("clean", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_live_lesson_of_the_shipped_courses_has_a_complete_guide()
    {
        var result = CatalogLoader.Load(DataPaths.FindContentFolder(AppContext.BaseDirectory));
        var guideProblems = result.Problems.Where(p => p.File.EndsWith(".guide.md", StringComparison.Ordinal) || p.Message.Contains("guide", StringComparison.Ordinal)).ToList();
        Assert.True(guideProblems.Count == 0, string.Join(Environment.NewLine, guideProblems));
        var live = result.Catalog.Courses.SelectMany(c => c.Lessons).Where(l => l.Delivery == LessonDelivery.Live).ToList();
        Assert.All(live, l => Assert.NotNull(result.Catalog.FindGuide(l.CourseId, l.Id)));
    }
}
