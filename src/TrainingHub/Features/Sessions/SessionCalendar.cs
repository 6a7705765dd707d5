using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace TrainingHub.Features.Sessions;

/// <summary>
/// Sessions as iCalendar (RFC 5545) text: one VEVENT per session with a UID that never changes, a SEQUENCE that grows
/// with each change, STATUS:CANCELLED once cancelled, and times in the site's zone with its VTIMEZONE. The feed and
/// downloads are METHOD:PUBLISH; e-mails are iTIP (RFC 5546) METHOD:REQUEST or METHOD:CANCEL for one attendee.
/// </summary>
public static class SessionCalendar
{
    public const string ContentType = "text/calendar";
    public const string ProductId = "-//TrainingHub//Live sessions//EN";

    public sealed record Invitee(string Email, string Name);

    public static string Uid(Guid sessionId, string host) => $"session-{sessionId:N}@{host}";

    /// <param name="host">The site's host name, which makes each UID unique worldwide.</param>
    /// <param name="organizer">Who the invitation is from (REQUEST and CANCEL need one).</param>
    /// <param name="invitee">The one person an e-mailed invitation is for; none for a feed.</param>
    public static string Write(IEnumerable<SessionDetails> sessions, string method, string host, DateTime stampUtc, Invitee? organizer = null,
        Invitee? invitee = null, string? calendarName = null, string? emptyZoneId = null)
    {
        var calendar = new Calendar { ProductId = ProductId, Method = method };
        if (calendarName is not null) calendar.AddProperty("X-WR-CALNAME", calendarName);
        // RFC 5545 wants at least one component: a feed with no sessions yet carries its zone.
        if (!sessions.Any() && emptyZoneId is not null) calendar.AddTimeZone(emptyZoneId, stampUtc, false);
        foreach (var zoneId in sessions.Select(s => s.ZoneId).Distinct(StringComparer.Ordinal))
        {
            var earliest = sessions.Where(s => s.ZoneId == zoneId).Min(s => s.StartsAtLocal);
            calendar.AddTimeZone(zoneId, earliest.AddYears(-1), false);
        }
        foreach (var s in sessions)
        {
            var e = new CalendarEvent
            {
                Uid = Uid(s.Id, host),
                Sequence = s.Sequence,
                DtStamp = new CalDateTime(stampUtc, CalDateTime.UtcTzId),
                Created = new CalDateTime(s.CreatedAt, CalDateTime.UtcTzId),
                LastModified = new CalDateTime(s.ChangedAt ?? s.CreatedAt, CalDateTime.UtcTzId),
                DtStart = new CalDateTime(DateTime.SpecifyKind(s.StartsAtLocal, DateTimeKind.Unspecified), s.ZoneId),
                DtEnd = new CalDateTime(DateTime.SpecifyKind(s.EndsAtLocal, DateTimeKind.Unspecified), s.ZoneId),
                Summary = $"{s.LessonTitle} ({s.CourseTitle})",
                Location = s.Place ?? (s.VideoLink is null ? null : "Online"),
                Description = Describe(s),
                Status = s.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Transparency = TransparencyType.Opaque,
            };
            if (s.VideoLink is not null) e.Url = new Uri(s.VideoLink);
            if (organizer is not null) e.Organizer = new Organizer($"mailto:{organizer.Email}") { CommonName = organizer.Name };
            if (invitee is not null)
            {
                e.Attendees.Add(new Attendee($"mailto:{invitee.Email}")
                {
                    CommonName = invitee.Name,
                    Role = ParticipationRole.RequiredParticipant,
                    ParticipationStatus = EventParticipationStatus.NeedsAction,
                    Rsvp = false,
                });
            }
            calendar.Events.Add(e);
        }
        return new CalendarSerializer(calendar).SerializeToString() ?? "";
    }

    private static string Describe(SessionDetails s)
    {
        var lines = new List<string> { $"{s.CourseTitle}: {s.LessonTitle}", $"Group: {s.CohortName}" };
        if (s.FacilitatorName is not null) lines.Add($"Facilitator: {s.FacilitatorName}");
        if (s.Place is not null) lines.Add($"Place: {s.Place}");
        if (s.VideoLink is not null) lines.Add($"Join online: {s.VideoLink}");
        if (s.Cancelled) lines.Insert(0, "This session was cancelled.");
        return string.Join("\n", lines);
    }
}
