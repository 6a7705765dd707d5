namespace TrainingHub.Domain;

/// <summary>Whether a course is complete, from the ledger and the quiz results. Pure.</summary>
public static class CourseCompletion
{
    public sealed record LessonState(string LessonId, decimal CreditedHours, decimal PendingHours);

    public sealed record Evaluation(bool Complete, IReadOnlyList<string> LessonsMissing, IReadOnlyList<string> LessonsPending, IReadOnlyList<string> QuizzesMissing);

    /// <param name="lessons">Every lesson of the course with its hours: a lesson counts when its credited hours reach them.</param>
    /// <param name="ledger">Net credited and pending hours per lesson (reversals already subtracted).</param>
    /// <param name="moduleIdsWithQuiz">Modules whose quiz must be passed.</param>
    /// <param name="passedModuleIds">Modules whose quiz the person has passed.</param>
    public static Evaluation Evaluate(IEnumerable<(string Id, decimal Hours)> lessons, IEnumerable<LessonState> ledger,
        IEnumerable<string> moduleIdsWithQuiz, IReadOnlySet<string> passedModuleIds)
    {
        var byLesson = ledger.ToDictionary(l => l.LessonId, StringComparer.Ordinal);
        var missing = new List<string>();
        var pending = new List<string>();
        foreach (var (id, hours) in lessons)
        {
            var state = byLesson.GetValueOrDefault(id);
            var credited = state?.CreditedHours ?? 0;
            if (credited >= hours) continue;
            if (credited + (state?.PendingHours ?? 0) >= hours) pending.Add(id);
            else missing.Add(id);
        }
        var quizzes = moduleIdsWithQuiz.Where(m => !passedModuleIds.Contains(m)).ToList();
        return new Evaluation(missing.Count == 0 && pending.Count == 0 && quizzes.Count == 0, missing, pending, quizzes);
    }
}
