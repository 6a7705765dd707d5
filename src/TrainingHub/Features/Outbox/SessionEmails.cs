using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Email;
using TrainingHub.Features.Sessions;
using TrainingHub.Infrastructure;
using TrainingHub.Localization;

namespace TrainingHub.Features.Outbox;

/// <summary>What the two session e-mails share: reading the session as the person sees it and the calendar attachment.</summary>
public sealed class SessionEmailParts(TrainingHubDb db, SessionDirectory sessions, IOptions<InstituteOptions> institute, IOptions<EmailOptions> email)
{
    public string BaseUrl => institute.Value.PublicBaseUrl.TrimEnd('/');

    public string Host => new Uri(institute.Value.PublicBaseUrl).Host;

    /// <summary>The session and person, or null when the notice no longer applies: the session changed again (a newer notice follows) or the person left its list.</summary>
    public async Task<(SessionDetails Session, Domain.Person Person)?> ReadAsync(Guid sessionId, string personId, int sequence, CancellationToken ct)
    {
        var session = (await sessions.ReadAsync(sessions.OfPerson(personId).Where(s => s.Id == sessionId), ct)).SingleOrDefault();
        if (session is null || session.Sequence != sequence) return null;
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == personId, ct);
        return person.Email is null ? null : (session, person);
    }

    public MailAttachment Invitation(SessionDetails session, Domain.Person person, string method, DateTime stampUtc)
    {
        var organizer = session.FacilitatorEmail is { } f
            ? new SessionCalendar.Invitee(f, session.FacilitatorName ?? f)
            : new SessionCalendar.Invitee(email.Value.FromAddress, institute.Value.Name);
        var text = SessionCalendar.Write([session], method, Host, stampUtc, organizer, new SessionCalendar.Invitee(person.Email!, person.FullName));
        return new MailAttachment(method == "CANCEL" ? "cancelled-session.ics" : "session.ics",
            $"{SessionCalendar.ContentType}; method={method}; charset=utf-8", Encoding.UTF8.GetBytes(text));
    }

    public static string Details(SessionDetails s, Words words) =>
        string.Join("\n", new[]
        {
            words["When: {0}", SessionWording.When(s.StartsAtLocal, s.EndsAtLocal, s.Zone, words)],
            s.Place is null ? null : words["Where: {0}", s.Place],
            s.VideoLink is null ? null : words["Join online: {0}", s.VideoLink],
            s.FacilitatorName is null ? null : words["Facilitator: {0}", s.FacilitatorName],
            words["Lesson: {0} ({1})", s.LessonTitle, s.CourseTitle],
        }.Where(l => l is not null));
}

/// <summary>Tells one person a session was scheduled, moved or cancelled, with the calendar invitation or cancellation attached.</summary>
public sealed class SessionNoticeEmail(SessionEmailParts parts, IMailSender mail, TimeProvider clock) : IOutboxHandler<SessionNoticeDue>
{
    public async Task HandleAsync(SessionNoticeDue message, OutboxDelivery delivery, CancellationToken ct)
    {
        if (await parts.ReadAsync(message.SessionId, message.PersonId, message.Sequence, ct) is not var (session, person)) return;
        var words = Words.For(person.PreferredLanguage);
        var day = SessionWording.Day(session.StartsAtLocal, words);
        var (subject, opening) = session.Cancelled
            ? (words["Cancelled: {0} on {1}", session.LessonTitle, day], words["This live session was cancelled. You do not need to come."])
            : session.Sequence == 0
                ? (words["New session: {0} on {1}", session.LessonTitle, day], words["A live session of your group was scheduled."])
                : (words["Changed: {0} is now on {1}", session.LessonTitle, day], words["A live session of your group was changed. Here are its new details."]);
        var body = string.Join("\n\n",
            words["Hello {0},", person.FullName],
            opening,
            SessionEmailParts.Details(session, words),
            words[session.Cancelled ? "The attached file marks it as cancelled in your calendar. All your sessions: {0}" : "The attached file adds it to your calendar. All your sessions: {0}",
                $"{parts.BaseUrl}/my/sessions"]);
        await mail.SendAsync(new Email.MailMessage(person.Email!, person.FullName, subject, body,
            [parts.Invitation(session, person, session.Cancelled ? "CANCEL" : "REQUEST", clock.GetUtcNow().UtcDateTime)],
            SendKey: delivery.MessageId.ToString()), ct);
    }
}

/// <summary>Reminds one person of a session that starts within a day.</summary>
public sealed class SessionReminderEmail(SessionEmailParts parts, IMailSender mail) : IOutboxHandler<SessionReminderDue>
{
    public async Task HandleAsync(SessionReminderDue message, OutboxDelivery delivery, CancellationToken ct)
    {
        if (await parts.ReadAsync(message.SessionId, message.PersonId, message.Sequence, ct) is not var (session, person) || session.Cancelled) return;
        var words = Words.For(person.PreferredLanguage);
        var body = string.Join("\n\n",
            words["Hello {0},", person.FullName],
            words["A reminder: your live session is coming up."],
            SessionEmailParts.Details(session, words),
            words["All your sessions: {0}", $"{parts.BaseUrl}/my/sessions"]);
        await mail.SendAsync(new Email.MailMessage(person.Email!, person.FullName,
            words["Reminder: {0}, {1} at {2}", session.LessonTitle, SessionWording.Day(session.StartsAtLocal, words), SessionWording.Time(session.StartsAtLocal, words)], body,
            SendKey: delivery.MessageId.ToString()), ct);
    }
}
