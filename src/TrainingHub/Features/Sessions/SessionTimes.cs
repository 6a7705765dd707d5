using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Sessions;

/// <summary>
/// The time zone a session is entered and shown in: its site's when the site has one (a site in another state), else
/// the institute's. Times are stored as UTC; only entry and display use the zone.
/// </summary>
public sealed class SiteTimeZones(TrainingHubDb db, IOptions<InstituteOptions> institute)
{
    public string InstituteZoneId => institute.Value.TimeZone;

    public string ZoneIdOf(string? siteZone) =>
        siteZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(siteZone, out _) ? siteZone : institute.Value.TimeZone;

    public TimeZoneInfo Find(string? siteZone) => TimeZoneInfo.FindSystemTimeZoneById(ZoneIdOf(siteZone));

    public async Task<string> ZoneIdOfCohortAsync(Guid cohortId, CancellationToken ct) =>
        ZoneIdOf(await (from c in db.Cohorts join s in db.Sites on c.SiteId equals s.Id where c.Id == cohortId select s.TimeZone).SingleOrDefaultAsync(ct));
}

/// <summary>How a session's time reads to a person: "Tuesday 19 January 2027, 10:00 AM to 1:00 PM (Eastern Time)".</summary>
public static class SessionWording
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Day(DateTime local) => local.ToString("dddd d MMMM yyyy", English);

    public static string Time(DateTime local) => local.ToString("h:mm tt", English);

    public static string ZoneName(TimeZoneInfo zone, DateTime local) =>
        zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;

    public static string When(DateTime startLocal, DateTime endLocal, TimeZoneInfo zone) =>
        $"{Day(startLocal)}, {Time(startLocal)} to {Time(endLocal)} ({ZoneName(zone, startLocal)})";

    /// <summary>The same in a person's language, for what is sent to them (the patterns are resources too).</summary>
    public static string Day(DateTime local, Localization.Words words) => local.ToString(words["dddd d MMMM yyyy"], words.Culture);

    public static string Time(DateTime local, Localization.Words words) => local.ToString(words["h:mm tt"], words.Culture);

    public static string When(DateTime startLocal, DateTime endLocal, TimeZoneInfo zone, Localization.Words words) =>
        words["{0}, {1} to {2} ({3})", Day(startLocal, words), Time(startLocal, words), Time(endLocal, words), ZoneName(zone, startLocal)];

    /// <summary>
    /// Attendance (and so hours) can be recorded only once the session has started: a mark for a session that has not
    /// happened would credit hours nobody earned.
    /// </summary>
    public static void RequireStarted(LiveSession session, DateTime utcNow, TimeZoneInfo zone, string property = "")
    {
        if (session.StartsAt <= utcNow) return;
        var local = TimeZoneInfo.ConvertTimeFromUtc(session.StartsAt, zone);
        throw new ValidationException([new ValidationFailure(property,
            $"This session has not started yet. It starts on {Day(local)} at {Time(local)}; you can record attendance from then.")]);
    }
}

/// <summary>When and where a session happens, as a facilitator enters it (scheduling or moving it).</summary>
public interface ISessionWhenAndWhere
{
    DateOnly? Date { get; }
    TimeOnly? StartTime { get; }
    string? Place { get; }
    string? VideoLink { get; }
}

public sealed class SessionWhenAndWhereValidator : AbstractValidator<ISessionWhenAndWhere>
{
    public SessionWhenAndWhereValidator()
    {
        RuleFor(c => c.Date).NotNull().WithMessage("Enter the date of the session.");
        RuleFor(c => c.StartTime).NotNull().WithMessage("Enter the time the session starts.");
        RuleFor(c => c.Place).MaximumLength(300).WithMessage("Keep the place under 300 characters.");
        RuleFor(c => c.VideoLink).MaximumLength(500).WithMessage("Keep the video link under 500 characters.")
            .Must(link => string.IsNullOrWhiteSpace(link) || (Uri.TryCreate(link.Trim(), UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps))
            .WithMessage("A video link must be a full address starting with https://.");
        RuleFor(c => c).Must(c => !string.IsNullOrWhiteSpace(c.Place) || !string.IsNullOrWhiteSpace(c.VideoLink))
            .WithName("Place").OverridePropertyName("Place")
            .WithMessage("Say where the session happens: a place, a video link, or both.");
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The UTC start of a date and time entered in <paramref name="zone"/>.</summary>
    public static DateTime StartUtc(ISessionWhenAndWhere c, TimeZoneInfo zone)
    {
        var local = c.Date!.Value.ToDateTime(c.StartTime!.Value, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            throw new ValidationException([new ValidationFailure(nameof(ISessionWhenAndWhere.StartTime),
                "That time does not exist on that day: the clocks move forward an hour. Choose another time.")]);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
