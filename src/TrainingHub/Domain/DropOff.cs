namespace TrainingHub.Domain;

/// <summary>
/// Where trainees stop in a course. A trainee reached a module when any of its lessons has hours in their record; a
/// trainee who completed the course reached every module. A trainee stopped at a module when it is the furthest they
/// reached and they have not completed the course (some of them may still be working on it).
/// </summary>
public static class DropOff
{
    /// <param name="FurthestModule">Index of the furthest module reached, or -1 for a trainee who has not started.</param>
    public sealed record Trainee(int FurthestModule, bool Completed);

    public sealed record Step(int Module, int Reached, int StoppedHere);

    public sealed record Funnel(int Enrolled, int NotStarted, int Completed, IReadOnlyList<Step> Steps);

    public static Funnel For(int moduleCount, IReadOnlyCollection<Trainee> trainees)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(moduleCount);
        var clamped = trainees.Select(t => t with { FurthestModule = Math.Clamp(t.FurthestModule, -1, moduleCount - 1) }).ToList();
        var steps = Enumerable.Range(0, moduleCount).Select(m => new Step(
            m,
            clamped.Count(t => t.Completed || t.FurthestModule >= m),
            clamped.Count(t => !t.Completed && t.FurthestModule == m))).ToList();
        return new Funnel(clamped.Count, clamped.Count(t => !t.Completed && t.FurthestModule < 0), clamped.Count(t => t.Completed), steps);
    }
}
