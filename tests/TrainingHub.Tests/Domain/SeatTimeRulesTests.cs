using TrainingHub.Domain;

namespace TrainingHub.Tests.Domain;

public sealed class SeatTimeRulesTests
{
    private static readonly DateTime Now = new(2027, 1, 12, 14, 0, 0, DateTimeKind.Utc);

    /// <summary>The defaults: a beat every 20 s, 10 s slack, 5 s of client clock ahead tolerated, 180 min per lesson per day.</summary>
    private static readonly SeatTimeRules.Settings Defaults = new(BeatSeconds: 20, SlackSeconds: 10, FutureToleranceSeconds: 5, MaxSecondsPerLessonPerDay: 180 * 60);

    private static DateTime? At(double? secondsFromNow) => secondsFromNow is { } s ? Now.AddSeconds(s) : null;

    [Theory]
    // previousBeat (s from now), creditedToday, expected seconds
    [InlineData(null, 0, 0)]            // the first beat starts the clock and earns nothing
    [InlineData(-20.0, 0, 20)]          // a beat on time earns the time since the last one
    [InlineData(-20.9, 0, 20)]          // partial seconds are dropped
    [InlineData(-30.0, 0, 30)]          // beat + slack is still earned in full
    [InlineData(-31.0, 0, 30)]          // a late beat earns at most beat + slack
    [InlineData(-600.0, 0, 30)]         // coming back after ten minutes away earns no more than one beat
    [InlineData(-86400.0, 0, 30)]       // nor does coming back the next day
    [InlineData(0.0, 0, 0)]             // a beat at the same instant as the last overlaps it
    [InlineData(15.0, 0, 0)]            // a beat older than the last one (another tab got there first) earns nothing
    public void A_beat_earns_the_time_since_the_last_beat_capped_at_beat_plus_slack(double? previousBeat, int creditedToday, int expected)
    {
        var outcome = SeatTimeRules.Credit(Now, Now, At(previousBeat), creditedToday, Defaults);
        Assert.Equal(SeatTimeRules.Verdict.Credited, outcome.Verdict);
        Assert.Equal(expected, outcome.CreditedSeconds);
    }

    [Theory]
    // clientSentAt (s from now), previousBeat (s from now), expected verdict, expected seconds
    [InlineData(5.0, -20.0, SeatTimeRules.Verdict.Credited, 20)]       // within the tolerance
    [InlineData(5.5, -20.0, SeatTimeRules.Verdict.FromTheFuture, 0)]   // just past the tolerance
    [InlineData(3600.0, -20.0, SeatTimeRules.Verdict.FromTheFuture, 0)]
    [InlineData(3600.0, null, SeatTimeRules.Verdict.FromTheFuture, 0)] // refused even as a first beat
    [InlineData(-3600.0, -20.0, SeatTimeRules.Verdict.Credited, 20)]   // an old client stamp is not used to compute time
    [InlineData(null, -20.0, SeatTimeRules.Verdict.Credited, 20)]      // no client stamp: the server's clock decides
    public void A_beat_stamped_in_the_future_is_refused_and_earns_nothing(double? clientSentAt, double? previousBeat, SeatTimeRules.Verdict verdict, int expected)
    {
        var outcome = SeatTimeRules.Credit(Now, At(clientSentAt), At(previousBeat), 0, Defaults);
        Assert.Equal(verdict, outcome.Verdict);
        Assert.Equal(expected, outcome.CreditedSeconds);
    }

    [Theory]
    // creditedTodayOnLesson, expected seconds for a 30-second gap, with a 15-minute (900 s) cap
    [InlineData(0, 30)]
    [InlineData(870, 30)]
    [InlineData(880, 20)]   // only what is left under the cap
    [InlineData(899, 1)]
    [InlineData(900, 0)]    // the cap is reached: nothing more today
    [InlineData(5000, 0)]   // never negative
    public void A_lesson_earns_no_more_than_the_daily_cap(int creditedToday, int expected)
    {
        var settings = Defaults with { MaxSecondsPerLessonPerDay = 900 };
        var outcome = SeatTimeRules.Credit(Now, Now, Now.AddSeconds(-30), creditedToday, settings);
        Assert.Equal(SeatTimeRules.Verdict.Credited, outcome.Verdict);
        Assert.Equal(expected, outcome.CreditedSeconds);
    }

    [Theory]
    [InlineData(0.5, 50, 1500)]     // half an hour at 50 minutes per credited hour
    [InlineData(0.75, 50, 2250)]
    [InlineData(1.0, 50, 3000)]
    [InlineData(1.25, 60, 4500)]
    [InlineData(0.5, 30, 900)]
    [InlineData(0.33, 50, 990)]
    [InlineData(0.01, 51, 31)]      // 30.6 s: rounded up, never down
    public void Required_seconds_are_the_lesson_hours_at_the_minutes_per_credited_hour(double hours, int minutesPerHour, int expected)
    {
        Assert.Equal(expected, SeatTimeRules.RequiredSeconds((decimal)hours, minutesPerHour));
    }

    [Theory]
    // hours, minutes per credited hour, active seconds, reached end, complete
    [InlineData(0.5, 50, 1500, true, true)]
    [InlineData(0.5, 50, 9000, true, true)]
    [InlineData(0.5, 50, 1499, true, false)]    // one second short
    [InlineData(0.5, 50, 1500, false, false)]   // enough time but never reached the end
    [InlineData(0.5, 50, 9000, false, false)]
    [InlineData(0.5, 50, 0, true, false)]       // scrolled to the end without reading
    [InlineData(0.5, 60, 1500, true, false)]    // at 60 minutes per hour, half an hour is 1800 s
    [InlineData(0.5, 60, 1800, true, true)]
    public void A_self_paced_lesson_is_complete_only_with_both_the_required_time_and_the_end_reached(
        double hours, int minutesPerHour, int activeSeconds, bool reachedEnd, bool complete)
    {
        Assert.Equal(complete, SeatTimeRules.SelfPacedComplete((decimal)hours, activeSeconds, reachedEnd, minutesPerHour));
    }
}
