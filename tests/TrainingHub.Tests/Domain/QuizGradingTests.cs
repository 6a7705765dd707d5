using TrainingHub.Domain;

namespace TrainingHub.Tests.Domain;

public sealed class QuizGradingTests
{
    /// <summary>q1 single (option 1), q2 multiple select (options 0 and 2), q3 true/false (option 0).</summary>
    private static readonly IReadOnlyList<QuizGrading.Question> Quiz =
    [
        new("q1", new HashSet<int> { 1 }),
        new("q2", new HashSet<int> { 0, 2 }),
        new("q3", new HashSet<int> { 0 }),
    ];

    /// <summary>"q1=1;q2=0,2" → the answers; a question left out is unanswered, "q2=" is an empty choice.</summary>
    private static Dictionary<string, IReadOnlySet<int>> Answers(string spec) =>
        spec.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split('='))
            .ToDictionary(p => p[0], p => (IReadOnlySet<int>)p[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet(), StringComparer.Ordinal);

    [Theory]
    // answers, per-question right (q1,q2,q3), correct count
    [InlineData("q1=1;q2=0,2;q3=0", "111", 3)]
    [InlineData("q1=1;q2=2,0;q3=0", "111", 3)]      // the order of choices does not matter
    [InlineData("q1=1;q2=0;q3=0", "101", 2)]        // multiple select with one right option missing is wrong
    [InlineData("q1=1;q2=0,1,2;q3=0", "101", 2)]    // multiple select with an extra option is wrong
    [InlineData("q1=1;q2=0,1,2,3;q3=0", "101", 2)]  // choosing everything is wrong
    [InlineData("q1=1;q2=;q3=0", "101", 2)]         // an empty choice is wrong
    [InlineData("q1=1;q3=0", "101", 2)]             // an unanswered question is wrong
    [InlineData("q1=0,1;q2=0,2;q3=0", "011", 2)]    // two options on a single-answer question is wrong
    [InlineData("q3=1", "000", 0)]
    [InlineData("", "000", 0)]
    [InlineData("q1=1;q2=0,2;q3=0;q9=1", "111", 3)] // an answer to a question not in the attempt counts for nothing
    public void Each_question_is_all_or_nothing_including_multiple_select(string answers, string perQuestion, int correct)
    {
        var result = QuizGrading.Grade(Quiz, Answers(answers), passMark: 80);
        Assert.Equal(correct, result.Correct);
        Assert.Equal(3, result.Total);
        Assert.Equal(["q1", "q2", "q3"], result.PerQuestion.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(perQuestion[0] == '1', result.PerQuestion["q1"]);
        Assert.Equal(perQuestion[1] == '1', result.PerQuestion["q2"]);
        Assert.Equal(perQuestion[2] == '1', result.PerQuestion["q3"]);
    }

    [Theory]
    // questions, right, pass mark, score, passed
    [InlineData(5, 4, 80, 80, true)]     // 80 passes at a pass mark of 80
    [InlineData(5, 4, 81, 80, false)]
    [InlineData(5, 5, 80, 100, true)]
    [InlineData(5, 3, 80, 60, false)]
    [InlineData(3, 2, 66, 66, true)]     // 66.67 is floored to 66, never rounded up
    [InlineData(3, 2, 67, 66, false)]
    [InlineData(9, 7, 78, 77, false)]    // 77.8 is floored to 77
    [InlineData(9, 8, 80, 88, true)]
    [InlineData(10, 8, 80, 80, true)]
    [InlineData(10, 7, 80, 70, false)]
    [InlineData(0, 0, 80, 0, false)]     // a quiz without questions never passes
    public void The_score_is_floored_and_passes_at_or_above_the_pass_mark(int questions, int right, int passMark, int score, bool passed)
    {
        var quiz = Enumerable.Range(1, questions).Select(n => new QuizGrading.Question($"q{n}", new HashSet<int> { 0 })).ToList();
        var answers = quiz.Select((q, i) => (q.Id, Choice: i < right ? 0 : 1))
            .ToDictionary(x => x.Id, x => (IReadOnlySet<int>)new HashSet<int> { x.Choice }, StringComparer.Ordinal);
        var result = QuizGrading.Grade(quiz, answers, passMark);
        Assert.Equal(right, result.Correct);
        Assert.Equal(score, result.ScorePercent);
        Assert.Equal(passed, result.Passed);
    }

    [Theory]
    [InlineData(3, 0, 3)]
    [InlineData(3, 1, 2)]
    [InlineData(3, 2, 1)]
    [InlineData(3, 3, 0)]
    [InlineData(3, 7, 0)]    // never negative
    [InlineData(1, 0, 1)]
    public void Attempts_left_are_the_limit_less_those_used_since_the_last_reset(int limit, int used, int left)
    {
        Assert.Equal(left, QuizGrading.AttemptsLeft(limit, used));
    }

    [Theory]
    [InlineData(QuizReviewPolicy.AfterPassOrLastAttempt, true, 2, true)]
    [InlineData(QuizReviewPolicy.AfterPassOrLastAttempt, false, 0, true)]
    [InlineData(QuizReviewPolicy.AfterPassOrLastAttempt, true, 0, true)]
    [InlineData(QuizReviewPolicy.AfterPassOrLastAttempt, false, 1, false)]   // could still try again: no answers yet
    [InlineData(QuizReviewPolicy.AfterPassOrLastAttempt, false, 2, false)]
    [InlineData(QuizReviewPolicy.AfterEveryAttempt, false, 2, true)]
    [InlineData(QuizReviewPolicy.AfterEveryAttempt, true, 0, true)]
    [InlineData(QuizReviewPolicy.Never, true, 0, false)]
    [InlineData(QuizReviewPolicy.Never, false, 0, false)]
    [InlineData(QuizReviewPolicy.Never, true, 3, false)]
    public void Rationales_are_shown_only_as_the_review_policy_allows(QuizReviewPolicy policy, bool passed, int attemptsLeft, bool shown)
    {
        Assert.Equal(shown, QuizGrading.MayReview(policy, passed, attemptsLeft));
    }
}
