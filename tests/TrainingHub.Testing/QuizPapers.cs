using System.Net;
using System.Text.RegularExpressions;
using TrainingHub.Content;
using TrainingHub.Features.Quizzes;

namespace TrainingHub.Testing;

/// <summary>Fills in an attempt's paper as a person would: by the options' words, sent as their places on that paper.</summary>
public static class QuizPapers
{
    public static Dictionary<string, int[]> Answers(StartQuizAttempt.Result attempt, Quiz quiz, Func<IReadOnlyList<QuizOption>, IEnumerable<QuizOption>> choose) =>
        attempt.Questions.ToDictionary(shown => shown.Id, shown =>
        {
            var question = quiz.Questions.Single(q => q.Id == shown.Id);
            var texts = choose(question.Options).Select(o => o.Text).ToHashSet(StringComparer.Ordinal);
            return shown.Options.Where(o => texts.Contains(o.Text)).Select(o => o.Value).ToArray();
        });

    public static Dictionary<string, int[]> Right(StartQuizAttempt.Result attempt, Quiz quiz) => Answers(attempt, quiz, options => options.Where(o => o.Correct));

    public static Dictionary<string, int[]> Wrong(StartQuizAttempt.Result attempt, Quiz quiz) => Answers(attempt, quiz, options => options.Where(o => !o.Correct).Take(1));

    /// <summary>The values of a question's right options as the quiz page shows them (read by their words, as a person would).</summary>
    public static IReadOnlyList<string> RightValuesOnPage(string html, QuizQuestion question) =>
        question.Options.Where(o => o.Correct).Select(o =>
        {
            var id = Regex.Escape(question.Id);
            var shown = Regex.Matches(html, $"<input[^>]*id=\"q-{id}-(\\d+)\"[^>]*/>\\s*<label for=\"q-{id}-\\d+\">([^<]*)</label>")
                .SingleOrDefault(m => WebUtility.HtmlDecode(m.Groups[2].Value) == o.Text)
                ?? throw new InvalidOperationException($"The quiz page does not show \"{o.Text}\".");
            return shown.Groups[1].Value;
        }).ToList();
}
