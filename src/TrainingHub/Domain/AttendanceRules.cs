namespace TrainingHub.Domain;

public enum AttendanceRule
{
    /// <summary>Credit only for attending the whole session.</summary>
    AllOfSession,
    /// <summary>Full credit for attending at least the minimum share of the session, none below it.</summary>
    MinimumShare,
    /// <summary>Credit in proportion to the time attended, rounded down to quarter hours.</summary>
    Partial,
}

/// <summary>How many hours one attendance record earns. Pure.</summary>
public static class AttendanceRules
{
    public sealed record Settings(AttendanceRule Rule, int MinimumSharePercent);

    public static decimal Credit(Settings settings, decimal lessonHours, int sessionMinutes, bool present, int? fromMinute, int? toMinute)
    {
        if (!present || sessionMinutes <= 0) return 0m;
        var from = Math.Clamp(fromMinute ?? 0, 0, sessionMinutes);
        var to = Math.Clamp(toMinute ?? sessionMinutes, 0, sessionMinutes);
        var attended = Math.Max(0, to - from);
        var share = (decimal)attended / sessionMinutes;
        return settings.Rule switch
        {
            AttendanceRule.AllOfSession => attended >= sessionMinutes ? lessonHours : 0m,
            AttendanceRule.MinimumShare => share * 100 >= settings.MinimumSharePercent ? lessonHours : 0m,
            AttendanceRule.Partial => Math.Floor(lessonHours * share * 4) / 4,
            _ => 0m,
        };
    }
}
