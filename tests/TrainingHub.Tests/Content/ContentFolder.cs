namespace TrainingHub.Tests.Content;

/// <summary>A throwaway content folder written file by file, for loader tests with one thing wrong at a time.</summary>
public sealed class ContentFolder : IDisposable
{
    public string Root { get; } = Path.Combine(Directory.CreateTempSubdirectory("traininghub-content-").FullName, "content");

    public ContentFolder()
    {
        Write("domains.yml", """
            - tag: advocacy
              name: Advocacy
            - tag: ethical-responsibility
              name: Ethical Responsibility
            """);
        Write("language.yml", """
            refused:
              - { pattern: "addicts?", instead: "a person in recovery" }
              - { pattern: "clean", instead: "in recovery" }
            allowed:
              - National Institute on Drug Abuse
            """);
    }

    public static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => i % 12 == 11 ? "recovery." : "word"));

    /// <summary>A complete, valid one-lesson course: each test breaks one thing.</summary>
    public ContentFolder WithValidCourse(string id = "sample")
    {
        Write($"courses/{id}/course.yml", $"""
            id: {id}
            title: Sample course
            version: "1"
            hours: 0.5
            summary: A small course for tests.
            published: true
            references:
              - title: SAMHSA TIP 63
                url: https://store.samhsa.gov/
            """);
        Write($"courses/{id}/01-basics/module.yml", """
            title: Basics
            hours: 0.5
            objectives:
              - Know the basics.
            """);
        Write($"courses/{id}/01-basics/01-first.md", LiveLesson($"{id}-first", 0.5m));
        Write($"courses/{id}/01-basics/01-first.guide.md", Guide($"{id}-first", 30));
        Write($"courses/{id}/01-basics/quiz.md", Quiz(6));
        return this;
    }

    public static string LiveLesson(string id, decimal hours, string extraBody = "")
    {
        var h = hours.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var teaching = (int)(hours * 60) - 10;
        return string.Join("\n",
            "---",
            $"id: {id}",
            "title: First lesson",
            $"hours: {h}",
            "delivery: live",
            "objectives:",
            "  - Say what a coach does.",
            "domains: [advocacy]",
            "agenda:",
            "  - { minutes: 5, activity: opening, title: Welcome }",
            $"  - {{ minutes: {teaching}, activity: teaching, title: The role }}",
            "  - { minutes: 5, activity: closing, title: Take-away }",
            "---",
            "",
            "# First lesson",
            "",
            Words(320),
            extraBody,
            "");
    }

    /// <summary>A complete facilitator's guide whose timings add up to <paramref name="minutes"/>; <paramref name="extra"/> is appended.</summary>
    public static string Guide(string lessonId, int minutes, string extra = "") => $"""
        ---
        lesson: {lessonId}
        ---

        ## Timings

        | Minutes | Activity | What the facilitator does |
        |---|---|---|
        | 5 | Opening | Welcome the group. |
        | {minutes - 10} | Teaching | Walk through the role. |
        | 5 | Closing | One take-away each. |

        ## Teaching points

        - A coach walks beside the person; the person leads.

        ## Materials

        - Flip chart and markers.

        ## Discussion prompts

        ### What does a coach do that a counselor does not?

        - Shares lived experience.
        - Does not diagnose or treat.
        {extra}
        """;

    /// <summary>
    /// A bank of single-choice questions whose keys take turns over the three positions, with a draw of two thirds of the
    /// bank (so it holds 1.5 times the draw). <paramref name="draw"/> 0 leaves the draw out; <paramref name="keyAt"/> puts
    /// every key in one position.
    /// </summary>
    public static string Quiz(int questions, bool scenario = true, int? draw = null, int? keyAt = null)
    {
        var d = draw ?? questions * 2 / 3;
        var parts = Enumerable.Range(1, questions).Select(i =>
        {
            var key = keyAt ?? (i - 1) % 3;
            var options = Enumerable.Range(0, 3).Select(o => o == key
                ? "- [x] The right one\n  > Rationale: The lesson says so."
                : $"- [ ] Wrong one {o}\n  > Rationale: The lesson says otherwise.");
            return $"## q{i}: single{(scenario && i == 1 ? " scenario" : "")}\nWhich answer is right for question {i}?\n\n{string.Join("\n", options)}\n";
        });
        return (d > 0 ? $"---\ndraw: {d}\n---\n\n" : "") + string.Join("\n", parts);
    }

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true); } catch (IOException) { }
    }
}
