namespace TrainingHub.Domain;

/// <summary>Grades a quiz attempt on the server. Pure: every question is right only if exactly its correct options were chosen.</summary>
public static class QuizGrading
{
    public sealed record Question(string Id, IReadOnlySet<int> CorrectOptions);

    public sealed record Result(int Correct, int Total, int ScorePercent, bool Passed, IReadOnlyDictionary<string, bool> PerQuestion);

    public static Result Grade(IReadOnlyList<Question> questions, IReadOnlyDictionary<string, IReadOnlySet<int>> answers, int passMark)
    {
        var per = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var q in questions)
        {
            per[q.Id] = answers.TryGetValue(q.Id, out var chosen) && chosen.SetEquals(q.CorrectOptions);
        }
        var correct = per.Count(p => p.Value);
        var score = questions.Count == 0 ? 0 : (int)Math.Floor(100m * correct / questions.Count);
        return new Result(correct, questions.Count, score, score >= passMark, per);
    }

    /// <summary>Attempts still open to the person: the limit, counted from the latest reset.</summary>
    public static int AttemptsLeft(int limit, int submittedSinceLastReset) => Math.Max(0, limit - submittedSinceLastReset);

    /// <summary>Whether rationales may be shown: after passing, or once no attempts are left.</summary>
    public static bool MayReview(QuizReviewPolicy policy, bool passed, int attemptsLeft) => policy switch
    {
        QuizReviewPolicy.AfterEveryAttempt => true,
        QuizReviewPolicy.AfterPassOrLastAttempt => passed || attemptsLeft == 0,
        _ => false,
    };
}

public enum QuizReviewPolicy { AfterPassOrLastAttempt, AfterEveryAttempt, Never }
