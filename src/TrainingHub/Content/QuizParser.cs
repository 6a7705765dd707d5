using System.Text;
using System.Text.RegularExpressions;

namespace TrainingHub.Content;

internal static partial class QuizParser
{
    private sealed class Draft(string id, QuestionType type, bool scenario, int line)
    {
        public string Id { get; } = id;
        public QuestionType Type { get; } = type;
        public bool Scenario { get; } = scenario;
        public int Line { get; } = line;
        public StringBuilder Stem { get; } = new();
        public List<(string Text, bool Correct, StringBuilder Rationale, int Line)> Options { get; } = [];
    }

    /// <param name="translationFrontMatter">For a quiz translation (<c>quiz.es.md</c>): reads its front matter instead of
    /// pass mark and draw (which stay the original's), and lets true-false options carry the language's words.</param>
    public static Quiz? Parse(CatalogLoader.LoadContext ctx, string path, string text, int coursePassMark,
        Action<YamlFile, YamlDotNet.RepresentationModel.YamlMappingNode?>? translationFrontMatter = null)
    {
        var rel = ctx.Relative(path);
        void Problem(int line, string msg, ProblemKind kind = ProblemKind.Structure) => ctx.Add(path, line, kind, msg);

        var fm = FrontMatter.Split(text, required: false, (line, msg) => Problem(line, msg));
        if (fm is null) return null;
        var passMark = coursePassMark;
        int? draw = null;
        Action<string>? problemAtDraw = null;
        if (translationFrontMatter is not null)
        {
            var yaml = new YamlFile(rel, fm.Yaml, fm.YamlLineOffset, ctx.Problems);
            translationFrontMatter(yaml, fm.Yaml.Length > 0 ? yaml.RootMapping("the quiz front matter") : null);
        }
        else if (fm.Yaml.Length > 0)
        {
            var yaml = new YamlFile(rel, fm.Yaml, fm.YamlLineOffset, ctx.Problems);
            if (yaml.RootMapping("the quiz front matter") is { } map)
            {
                yaml.AllowOnly(map, "passMark", "draw");
                passMark = yaml.Int(map, "passMark", false) ?? coursePassMark;
                CatalogLoader.CheckPassMark(yaml, map, passMark);
                draw = yaml.Int(map, "draw", false);
                if (draw is <= 0) yaml.ProblemAt(yaml.Node(map, "draw")!, "'draw' must be at least 1");
                if (yaml.Node(map, "draw") is { } drawNode) problemAtDraw = message => yaml.ProblemAt(drawNode, message);
            }
        }

        var drafts = new List<Draft>();
        Draft? current = null;
        var expectRationale = false;
        for (var i = 0; i < fm.BodyLines.Length; i++)
        {
            var raw = fm.BodyLines[i];
            var lineNo = fm.BodyFirstLine + i;
            if (raw.StartsWith("## ", StringComparison.Ordinal))
            {
                if (expectRationale) Problem(lineNo - 1, "the option above has no '> Rationale:' line");
                expectRationale = false;
                var m = QuestionHeading().Match(raw);
                if (!m.Success)
                {
                    Problem(lineNo, "a question heading must look like '## q1: single', '## q2: multiple scenario' or '## q3: true-false'");
                    current = null;
                    continue;
                }
                var type = m.Groups[2].Value switch { "single" => QuestionType.Single, "multiple" => QuestionType.Multiple, _ => QuestionType.TrueFalse };
                current = new Draft(m.Groups[1].Value, type, m.Groups[3].Success, lineNo);
                if (drafts.Any(d => d.Id == current.Id)) Problem(lineNo, $"question id '{current.Id}' is used twice in this quiz");
                drafts.Add(current);
                continue;
            }
            if (current is null)
            {
                if (raw.Trim().Length > 0) Problem(lineNo, "text before the first question: a question starts with '## q1: single'");
                continue;
            }
            var option = OptionLine().Match(raw);
            if (option.Success)
            {
                if (expectRationale) Problem(lineNo - 1, "the option above has no '> Rationale:' line");
                current.Options.Add((option.Groups[2].Value.Trim(), option.Groups[1].Value != " ", new StringBuilder(), lineNo));
                expectRationale = true;
                continue;
            }
            var rationale = RationaleLine().Match(raw);
            if (rationale.Success && current.Options.Count > 0)
            {
                var (_, _, sb, _) = current.Options[^1];
                var textPart = rationale.Groups[1].Value.Trim();
                if (expectRationale)
                {
                    if (!textPart.StartsWith("Rationale:", StringComparison.OrdinalIgnoreCase))
                    {
                        Problem(lineNo, "an option's explanation must start with '> Rationale:'");
                    }
                    else
                    {
                        textPart = textPart["Rationale:".Length..].Trim();
                    }
                    expectRationale = false;
                }
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(textPart);
                continue;
            }
            if (current.Options.Count > 0)
            {
                if (raw.Trim().Length > 0) Problem(lineNo, "unexpected text after the options: each option is '- [ ] text' or '- [x] text' followed by '  > Rationale: ...'");
                continue;
            }
            current.Stem.AppendLine(raw);
        }
        if (expectRationale) Problem(fm.BodyFirstLine + fm.BodyLines.Length - 1, "the last option has no '> Rationale:' line");

        var questions = new List<QuizQuestion>();
        foreach (var d in drafts)
        {
            var stem = d.Stem.ToString().Trim();
            if (stem.Length == 0) Problem(d.Line, $"question '{d.Id}' has no question text");
            var correct = d.Options.Count(o => o.Correct);
            switch (d.Type)
            {
                case QuestionType.Single when d.Options.Count < 3 || correct != 1:
                    Problem(d.Line, $"question '{d.Id}' (single) needs at least 3 options with exactly one marked [x]; it has {d.Options.Count} options and {correct} marked");
                    break;
                case QuestionType.Multiple when d.Options.Count < 4 || correct < 2 || correct == d.Options.Count:
                    Problem(d.Line, $"question '{d.Id}' (multiple) needs at least 4 options, at least 2 marked [x] and at least 1 not; it has {d.Options.Count} options and {correct} marked");
                    break;
                case QuestionType.TrueFalse when d.Options.Count != 2 || correct != 1 || (translationFrontMatter is null && (d.Options[0].Text != "True" || d.Options[1].Text != "False")):
                    Problem(d.Line, $"question '{d.Id}' (true-false) needs exactly the options 'True' then 'False', one of them marked [x]");
                    break;
            }
            foreach (var o in d.Options.Where(o => o.Rationale.Length == 0 && !o.Text.Contains('\n')))
            {
                if (!ctx.Problems.Any(p => p.File == rel && p.Line == o.Line)) Problem(o.Line, $"option '{o.Text}' of question '{d.Id}' has no rationale");
            }
            questions.Add(new QuizQuestion(d.Id, d.Type, d.Scenario, MarkdownRenderer.ToHtml(stem),
                d.Options.Select(o => new QuizOption(o.Text, o.Correct, o.Rationale.ToString())).ToList()));
        }
        var firstLine = fm.BodyFirstLine;
        if (questions.Count < CatalogLoader.MinimumQuizQuestions)
        {
            Problem(firstLine, $"the quiz has {questions.Count} questions; a module quiz needs at least {CatalogLoader.MinimumQuizQuestions}", ProblemKind.Editorial);
        }
        if (questions.Count > 0 && !questions.Any(q => q.Scenario))
        {
            Problem(firstLine, "the quiz has no scenario question: mark at least one heading with 'scenario'", ProblemKind.Editorial);
        }
        // A paper of N questions is drawn from the module's bank of M: the bank must hold at least N (M >= N).
        // A translation's draw and keys are the original's (checked against it), so the bank rules are the original's to meet.
        if (translationFrontMatter is null && draw is not null && draw > questions.Count)
        {
            problemAtDraw!($"'draw' is {draw} but the quiz's bank has only {questions.Count} questions: a quiz cannot draw more questions than its bank holds");
        }
        else if (translationFrontMatter is null)
        {
            CheckBankSize(questions.Count, draw, Problem);      // the stricter rule, once the draw fits the bank at all
        }
        if (translationFrontMatter is null) CheckKeyPositions(questions, firstLine, Problem);
        ctx.Language.Check(rel, text, ctx, checkSpelling: translationFrontMatter is null);
        if (translationFrontMatter is null) ctx.Cast.Check(rel, text, ctx);
        return questions.Count == 0 ? null : new Quiz(passMark, draw, questions);
    }

    /// <summary>
    /// Rule "bank-size": a module's bank holds at least 1.5 times the questions an attempt draws (no draw: the whole bank,
    /// which never passes), so a second attempt meets questions the first did not.
    /// </summary>
    private static void CheckBankSize(int bank, int? draw, Action<int, string, ProblemKind> problem)
    {
        if (bank == 0 || bank * 2 >= 3 * (draw ?? bank)) return;
        var most = bank * 2 / 3;
        problem(1, draw is null
            ? $"bank-size: an attempt draws the whole bank of {bank} questions; set 'draw' to at most {most}, or add questions, so the bank holds 1.5 times the draw"
            : $"bank-size: the bank holds {bank} questions for a draw of {draw}; it needs at least {(3 * draw.Value + 1) / 2} (1.5 times the draw), or a draw of at most {most}",
            ProblemKind.Editorial);
    }

    /// <summary>
    /// Rule "key-position": in a module's single-choice questions the correct option sits in no one position more than half
    /// the time, so the bank does not teach "pick the first" (the site shuffles options, but printed and exported banks do not).
    /// </summary>
    private static void CheckKeyPositions(IReadOnlyList<QuizQuestion> questions, int line, Action<int, string, ProblemKind> problem)
    {
        var keys = questions.Where(q => q.Type == QuestionType.Single).Select(q => q.Options.ToList().FindIndex(o => o.Correct) + 1).ToList();
        if (keys.Count < 3) return;
        var top = keys.GroupBy(k => k).OrderByDescending(g => g.Count()).First();
        if (top.Count() * 2 > keys.Count)
        {
            problem(line, $"key-position: option {top.Key} is the key of {top.Count()} of the {keys.Count} single-choice questions; no position may hold more than half of them", ProblemKind.Editorial);
        }
    }

    [GeneratedRegex(@"^##\s+([A-Za-z0-9][A-Za-z0-9-]*):\s*(single|multiple|true-false)(\s+scenario)?\s*$")]
    private static partial Regex QuestionHeading();

    [GeneratedRegex(@"^[-*]\s+\[( |x|X)\]\s+(.+)$")]
    private static partial Regex OptionLine();

    [GeneratedRegex(@"^\s+>\s?(.*)$")]
    private static partial Regex RationaleLine();
}
