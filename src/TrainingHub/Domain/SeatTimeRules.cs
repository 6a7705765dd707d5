namespace TrainingHub.Domain;

/// <summary>How much active time one heartbeat earns. Pure: the handler supplies the clock and the stored state.</summary>
public static class SeatTimeRules
{
    public sealed record Settings(int BeatSeconds, int SlackSeconds, int FutureToleranceSeconds, int MaxSecondsPerLessonPerDay);

    public enum Verdict { Credited, FromTheFuture }

    public sealed record Outcome(Verdict Verdict, int CreditedSeconds);

    /// <param name="now">The server's time when the beat arrived.</param>
    /// <param name="clientSentAt">The time the page says it sent the beat; only used to refuse beats stamped in the future.</param>
    /// <param name="previousBeatAt">The person's last accepted beat on any lesson, tab or device; null for their first.</param>
    /// <param name="creditedTodayOnLesson">Seconds already credited today on this lesson.</param>
    public static Outcome Credit(DateTime now, DateTime? clientSentAt, DateTime? previousBeatAt, int creditedTodayOnLesson, Settings settings)
    {
        if (clientSentAt is { } sent && sent > now.AddSeconds(settings.FutureToleranceSeconds))
        {
            return new Outcome(Verdict.FromTheFuture, 0);
        }
        if (previousBeatAt is null || previousBeatAt >= now)
        {
            // The first beat starts the clock; a beat that arrives no later than the last one overlaps it.
            return new Outcome(Verdict.Credited, 0);
        }
        var elapsed = (int)Math.Floor((now - previousBeatAt.Value).TotalSeconds);
        var capped = Math.Min(elapsed, settings.BeatSeconds + settings.SlackSeconds);
        var left = Math.Max(0, settings.MaxSecondsPerLessonPerDay - creditedTodayOnLesson);
        return new Outcome(Verdict.Credited, Math.Min(capped, left));
    }

    /// <summary>A self-paced lesson is complete when its active time reaches the required share of its hours and the person reached its end.</summary>
    public static bool SelfPacedComplete(decimal lessonHours, int activeSeconds, bool reachedEnd, int minutesPerCreditedHour) =>
        reachedEnd && activeSeconds >= RequiredSeconds(lessonHours, minutesPerCreditedHour);

    public static int RequiredSeconds(decimal lessonHours, int minutesPerCreditedHour) =>
        (int)Math.Ceiling(lessonHours * minutesPerCreditedHour * 60);
}
