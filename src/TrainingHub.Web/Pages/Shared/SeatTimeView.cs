using TrainingHub.Features.Catalog;

namespace TrainingHub.Web.Pages.Shared;

/// <summary>
/// What the lesson page says about a self-paced lesson's seat time, in the words the bar, the end of the lesson and the
/// heartbeat script use (seat-time.js says the same things when a heartbeat answers).
/// </summary>
public sealed record SeatTimeView(GetLesson.LessonRecord Record, decimal LessonHours, string HeartbeatUrl)
{
    public bool Complete => Record.Complete(LessonHours);

    public string Status => Complete
        ? "This lesson is complete and its hours are in your record."
        : $"Time recorded on this lesson: {Record.MinutesCounted} of {Record.MinutesNeeded} minutes.";

    /// <summary>What the end of the lesson says is left.</summary>
    public string Left => Complete
        ? "This lesson is complete and its hours are in your record."
        : Record.MinutesLeft > 0
            ? $"{MinutesText(Record.MinutesLeft)} more active {(Record.MinutesLeft == 1 ? "minute" : "minutes")} needed before this lesson counts."
            : "You have spent the minutes this lesson needs; reaching this point completes it.";

    private static string MinutesText(int minutes) => minutes.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
