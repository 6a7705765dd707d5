using TrainingHub.Domain;

namespace TrainingHub.Tests.Domain;

public sealed class AttendanceRulesTests
{
    private static readonly AttendanceRules.Settings AllOfSession = new(AttendanceRule.AllOfSession, 100);
    private static readonly AttendanceRules.Settings MinimumShare75 = new(AttendanceRule.MinimumShare, 75);
    private static readonly AttendanceRules.Settings Partial = new(AttendanceRule.Partial, 100);

    [Theory]
    // present, from, to, expected hours for a 1-hour lesson in a 60-minute session
    [InlineData(true, null, null, 1.0)]     // present with no times: the whole session
    [InlineData(true, 0, 60, 1.0)]
    [InlineData(true, 0, 90, 1.0)]          // a leaving time past the end counts as the end
    [InlineData(true, 5, 60, 0.0)]          // five minutes late
    [InlineData(true, 0, 59, 0.0)]          // left a minute early
    [InlineData(true, 30, 30, 0.0)]
    [InlineData(false, null, null, 0.0)]    // absent
    [InlineData(false, 0, 60, 0.0)]         // absent, whatever the times say
    public void All_of_session_credits_the_lesson_only_for_the_whole_session(bool present, int? from, int? to, double expected)
    {
        Assert.Equal((decimal)expected, AttendanceRules.Credit(AllOfSession, 1.0m, 60, present, from, to));
    }

    [Theory]
    [InlineData(true, 0, 45, 1.0)]          // exactly 75 %
    [InlineData(true, 15, 60, 1.0)]
    [InlineData(true, 0, 44, 0.0)]          // just under 75 %: nothing
    [InlineData(true, 16, 60, 0.0)]
    [InlineData(true, null, null, 1.0)]
    [InlineData(true, -10, 45, 1.0)]        // an arrival before the start counts from the start
    [InlineData(false, 0, 60, 0.0)]
    public void Minimum_share_credits_the_whole_lesson_at_or_above_the_share_and_nothing_below(bool present, int? from, int? to, double expected)
    {
        Assert.Equal((decimal)expected, AttendanceRules.Credit(MinimumShare75, 1.0m, 60, present, from, to));
    }

    [Theory]
    // lesson hours, session minutes, from, to, expected hours
    [InlineData(1.0, 60, 0, 60, 1.0)]
    [InlineData(1.0, 60, null, null, 1.0)]
    [InlineData(1.0, 60, 0, 30, 0.5)]
    [InlineData(1.0, 60, 0, 40, 0.5)]       // 0.67 h rounds down to 0.5
    [InlineData(1.0, 60, 0, 50, 0.75)]      // 0.83 h rounds down to 0.75
    [InlineData(1.0, 60, 0, 15, 0.25)]
    [InlineData(1.0, 60, 0, 14, 0.0)]       // under a quarter hour earns nothing
    [InlineData(1.0, 60, 45, 40, 0.0)]      // left before arriving: nothing, never negative
    [InlineData(0.75, 45, 0, 30, 0.5)]
    [InlineData(0.75, 45, 0, 44, 0.5)]      // 0.733 h rounds down to 0.5
    [InlineData(1.25, 75, 0, 60, 1.0)]
    [InlineData(1.5, 90, 10, 80, 1.0)]      // 70 of 90 minutes = 1.167 h, rounded down to 1.0
    public void Partial_credits_the_share_attended_rounded_down_to_quarter_hours(double hours, int minutes, int? from, int? to, double expected)
    {
        Assert.Equal((decimal)expected, AttendanceRules.Credit(Partial, (decimal)hours, minutes, present: true, from, to));
    }

    [Theory]
    [InlineData(AttendanceRule.AllOfSession)]
    [InlineData(AttendanceRule.MinimumShare)]
    [InlineData(AttendanceRule.Partial)]
    public void Absent_or_a_session_without_length_earns_nothing_under_every_rule(AttendanceRule rule)
    {
        var settings = new AttendanceRules.Settings(rule, 75);
        Assert.Equal(0m, AttendanceRules.Credit(settings, 1.0m, 60, present: false, null, null));
        Assert.Equal(0m, AttendanceRules.Credit(settings, 1.0m, 60, present: false, 0, 60));
        Assert.Equal(0m, AttendanceRules.Credit(settings, 1.0m, 0, present: true, null, null));
    }
}
