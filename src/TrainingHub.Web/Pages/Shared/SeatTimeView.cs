using Microsoft.Extensions.Localization;
using TrainingHub.Features.Catalog;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Shared;

/// <summary>
/// What the lesson page says about a self-paced lesson's seat time, in the words the bar, the end of the lesson and the
/// heartbeat's answer use (seat-time.js shows the heartbeat's words, so the page and the script say the same things in the
/// reader's language).
/// </summary>
public sealed record SeatTimeView(GetLesson.LessonRecord Record, decimal LessonHours, string HeartbeatUrl)
{
    public bool Complete => Record.Complete(LessonHours);

    /// <summary>The bar's value: the minutes counted, or all of them once the lesson is complete.</summary>
    public int ProgressValue => Complete ? Record.MinutesNeeded : Record.MinutesCounted;

    public string Status(IStringLocalizer l) => StatusText(l, Complete, Record.MinutesCounted, Record.MinutesNeeded, reachedEnd: true);

    /// <summary>What the end of the lesson says is left.</summary>
    public string Left(IStringLocalizer l) => LeftText(l, Complete, Record.MinutesLeft);

    public static string StatusText(IStringLocalizer l, bool complete, int counted, int needed, bool reachedEnd) => complete
        ? l["This lesson is complete and its hours are in your record."]
        : l["{0, plural, one {Time recorded on this lesson: {1} of # minute.} other {Time recorded on this lesson: {1} of # minutes.}}"].Plural(needed, counted.ToString(System.Globalization.CultureInfo.CurrentCulture))
          + (reachedEnd ? "" : " " + l["Read to the end of the lesson to complete it."]);

    public static string LeftText(IStringLocalizer l, bool complete, int minutesLeft) => complete
        ? l["This lesson is complete and its hours are in your record."]
        : minutesLeft > 0
            ? l["{0, plural, one {# more active minute needed before this lesson counts.} other {# more active minutes needed before this lesson counts.}}"].Plural(minutesLeft)
            : l["You have spent the minutes this lesson needs; reaching this point completes it."];

    /// <summary>What the lesson before this one still needs, when it is not complete (the top of the lesson page).</summary>
    public static string EarlierText(IStringLocalizer l, GetLesson.EarlierLesson earlier) => earlier.MinutesLeft > 0
        ? (earlier.ReachedEnd
            ? l["{0, plural, one {It needs # more active minute on its page.} other {It needs # more active minutes on its page.}}"].Plural(earlier.MinutesLeft)
            : l["{0, plural, one {It needs # more active minute on its page, and reading it to the end.} other {It needs # more active minutes on its page, and reading it to the end.}}"].Plural(earlier.MinutesLeft))
        : l["It has its minutes; read it to the end to complete it."];

    /// <summary>What a screen reader hears every five minutes.</summary>
    public static string MilestoneText(IStringLocalizer l, int counted, int needed) =>
        l["{0, plural, one {# minute of {1} recorded.} other {# minutes of {1} recorded.}}"].Plural(counted, needed.ToString(System.Globalization.CultureInfo.CurrentCulture));
}
