namespace TrainingHub.Domain;

/// <summary>Which lesson a trainee's "Continue" button opens.</summary>
public static class NextLesson
{
    /// <param name="LessonId">A lesson of the course, listed in course order.</param>
    /// <param name="Complete">Its hours are credited, or wait only for a supervisor's sign-off: nothing is left for the trainee to do.</param>
    /// <param name="LastActivity">When the trainee last read it or was credited for it; null when never.</param>
    public sealed record Lesson(string LessonId, bool Complete, DateTime? LastActivity);

    /// <summary>
    /// The lesson they were on (the most recent activity on a lesson that is not complete), else the first lesson not
    /// complete; null when every lesson is complete.
    /// </summary>
    public static string? ContinueWith(IReadOnlyList<Lesson> lessonsInCourseOrder)
    {
        var open = lessonsInCourseOrder.Where(l => !l.Complete).ToList();
        var lastTouched = open.Where(l => l.LastActivity is not null).MaxBy(l => l.LastActivity);
        return (lastTouched ?? open.FirstOrDefault())?.LessonId;
    }
}
