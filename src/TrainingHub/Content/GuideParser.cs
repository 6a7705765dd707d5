using System.Text.RegularExpressions;

namespace TrainingHub.Content;

/// <summary>
/// Reads a live lesson's facilitator's guide (<c>NN-lesson.guide.md</c>) and checks it has what a new facilitator needs:
/// timings that fill the lesson, teaching points, materials, discussion prompts with the points a good answer makes,
/// observer checklists for role plays, and a checklist for each observed skill the lesson teaches.
/// </summary>
internal static partial class GuideParser
{
    public const string Suffix = ".guide.md";

    public const string Timings = "Timings";
    public const string TeachingPoints = "Teaching points";
    public const string Materials = "Materials";
    public const string DiscussionPrompts = "Discussion prompts";
    public const string RolePlay = "Role play";
    public const string ObserverChecklist = "Observer checklist";
    public const string SkillsChecklist = "Skills checklist";

    public sealed record LessonFile(Lesson Lesson, string Path);

    private sealed record Line(int Number, string Text);

    private sealed record Section(string Title, int Line, IReadOnlyList<Line> Lines)
    {
        public bool Is(string name) => Title.StartsWith(name, StringComparison.OrdinalIgnoreCase);

        public IEnumerable<Line> ListItems => Lines.Where(l => ListItem().IsMatch(l.Text));

        /// <summary>The section's <c>###</c> parts, each with the lines under it.</summary>
        public IEnumerable<Section> Parts()
        {
            Section? current = null;
            var lines = new List<Line>();
            foreach (var line in Lines)
            {
                var m = SubHeading().Match(line.Text);
                if (m.Success)
                {
                    if (current is not null) yield return current with { Lines = lines };
                    current = new Section(m.Groups[1].Value.Trim(), line.Number, []);
                    lines = [];
                }
                else if (current is not null) lines.Add(line);
            }
            if (current is not null) yield return current with { Lines = lines };
        }
    }

    public static FacilitatorGuide? Parse(CatalogLoader.LoadContext ctx, string path, string text, string courseId,
        IReadOnlyDictionary<string, LessonFile> moduleLessons)
    {
        var rel = ctx.Relative(path);
        if (FrontMatter.ReadMapping(ctx, path, text) is not { } read) return null;
        var (fm, yaml, map) = read;
        yaml.AllowOnly(map, "lesson");
        ctx.Language.Check(rel, text, ctx);
        ctx.Cast.Check(rel, text, ctx);
        var lessonId = yaml.String(map, "lesson", true);
        if (lessonId is null) return null;
        if (!moduleLessons.TryGetValue(lessonId, out var found))
        {
            yaml.ProblemAt(yaml.Node(map, "lesson")!, $"the guide is for lesson '{lessonId}', but no lesson in this module has that id", ProblemKind.Editorial);
            return null;
        }
        var lesson = found.Lesson;
        if (lesson.Delivery != LessonDelivery.Live)
        {
            yaml.ProblemAt(yaml.Node(map, "lesson")!, $"lesson '{lessonId}' is self-paced: only live lessons have a facilitator's guide", ProblemKind.Editorial);
            return null;
        }
        var expectedName = System.IO.Path.GetFileNameWithoutExtension(found.Path) + Suffix;
        if (System.IO.Path.GetFileName(path) != expectedName)
        {
            ctx.Add(path, 1, ProblemKind.Editorial, $"name the guide '{expectedName}', after its lesson's file");
        }

        var sections = Split(fm);
        void Missing(string what) => ctx.Add(path, fm.BodyFirstLine, ProblemKind.Editorial, what);
        Section? Find(string name) => sections.FirstOrDefault(s => s.Is(name));

        var timings = new List<GuideTiming>();
        if (Find(Timings) is { } timingSection)
        {
            foreach (var line in timingSection.Lines)
            {
                var m = TimingRow().Match(line.Text);
                if (!m.Success) m = TimingItem().Match(line.Text);
                if (m.Success) timings.Add(new GuideTiming(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value.Trim(' ', '|')));
            }
            var total = timings.Sum(t => t.Minutes);
            if (timings.Count == 0)
            {
                ctx.Add(path, timingSection.Line, ProblemKind.Editorial, "'## Timings' needs a table whose first column is minutes (| 10 | Opening ... |) or a list like '- 10 min: Opening'");
            }
            else if (total != lesson.Hours * 60)
            {
                ctx.Add(path, timingSection.Line, ProblemKind.Editorial,
                    $"the guide's timings add up to {total} minutes but the lesson is {CatalogLoader.Fmt(lesson.Hours)} hours ({lesson.Hours * 60:0} minutes)");
            }
        }
        else Missing($"the guide needs a '## {Timings}' section: a table or list of minutes adding up to the lesson's {lesson.Hours * 60:0} minutes");

        foreach (var name in new[] { TeachingPoints, Materials })
        {
            var section = Find(name);
            if (section is null) Missing($"the guide needs a '## {name}' section");
            else if (!section.ListItems.Any()) ctx.Add(path, section.Line, ProblemKind.Editorial, $"'## {name}' needs at least one list item");
        }

        if (Find(DiscussionPrompts) is { } prompts)
        {
            var parts = prompts.Parts().ToList();
            if (parts.Count == 0) ctx.Add(path, prompts.Line, ProblemKind.Editorial, "'## Discussion prompts' needs each prompt as a '### ' heading, followed by the points a good answer makes");
            foreach (var p in parts.Where(p => !p.ListItems.Any()))
            {
                ctx.Add(path, p.Line, ProblemKind.Editorial, $"the prompt '{p.Title}' needs a list of the points a good answer makes");
            }
        }
        else Missing($"the guide needs a '## {DiscussionPrompts}' section");

        if (lesson.Agenda.Any(a => a.Activity == AgendaActivity.RolePlay))
        {
            var rolePlay = Find(RolePlay);
            if (rolePlay is null) Missing($"the lesson has a role play, so the guide needs a '## {RolePlay}' section with a '### {ObserverChecklist}'");
            else if (!rolePlay.Parts().Any(p => p.Is(ObserverChecklist) && p.Lines.Any(l => CheckItem().IsMatch(l.Text))))
            {
                ctx.Add(path, rolePlay.Line, ProblemKind.Editorial, $"'## {RolePlay}' needs a '### {ObserverChecklist}' with items like '- [ ] The coach asked before advising'");
            }
        }

        var skills = ctx.Skills.Where(s => s.LessonIds.Contains(lesson.Id, StringComparer.Ordinal)).ToList();
        if (skills.Count > 0)
        {
            var checklist = Find(SkillsChecklist);
            if (checklist is null) Missing($"the lesson teaches {string.Join(" and ", skills.Select(s => s.Name))}, so the guide needs a '## {SkillsChecklist}' section");
            else
            {
                var parts = checklist.Parts().ToList();
                foreach (var skill in skills.Where(s => !parts.Any(p => string.Equals(p.Title, s.Name, StringComparison.OrdinalIgnoreCase) && p.Lines.Any(l => CheckItem().IsMatch(l.Text)))))
                {
                    ctx.Add(path, checklist.Line, ProblemKind.Editorial, $"'## {SkillsChecklist}' needs a '### {skill.Name}' with items like '- [ ] Names the overdose signs'");
                }
            }
        }

        return new FacilitatorGuide(lesson.Id, courseId, Render(fm.Body), timings);
    }

    /// <summary>Checklist items (<c>- [ ] ...</c>) become list items with a box to tick on paper.</summary>
    private static string Render(string body) =>
        CheckItemHtml().Replace(MarkdownRenderer.LessonToHtml(body), "<li class=\"check\">$1");

    private static List<Section> Split(FrontMatter fm)
    {
        var sections = new List<Section>();
        string? title = null;
        var start = 0;
        var lines = new List<Line>();
        for (var i = 0; i < fm.BodyLines.Length; i++)
        {
            var text = fm.BodyLines[i];
            var m = Heading().Match(text);
            if (m.Success)
            {
                if (title is not null) sections.Add(new Section(title, start, lines));
                title = m.Groups[1].Value.Trim();
                start = fm.BodyFirstLine + i;
                lines = [];
            }
            else if (title is not null) lines.Add(new Line(fm.BodyFirstLine + i, text));
        }
        if (title is not null) sections.Add(new Section(title, start, lines));
        return sections;
    }

    [GeneratedRegex(@"^##\s+(.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^###\s+(.+)$")]
    private static partial Regex SubHeading();

    [GeneratedRegex(@"^\s*([-*]|\d+\.)\s+\S")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*[-*]\s+\[ \]\s+\S")]
    private static partial Regex CheckItem();

    [GeneratedRegex(@"^\|\s*(\d+)\s*(?:min(?:utes)?)?\s*\|(.*)$")]
    private static partial Regex TimingRow();

    [GeneratedRegex(@"^\s*[-*]\s+\**(\d+)\s*min(?:utes)?\b\**\s*[:\-–—]?\s*(.*)$")]
    private static partial Regex TimingItem();

    [GeneratedRegex(@"<li>(<p>)?\[ \] ")]
    private static partial Regex CheckItemHtml();
}
