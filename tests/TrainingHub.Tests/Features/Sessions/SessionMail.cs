using Ical.Net;
using MimeKit;

namespace TrainingHub.Tests.Features.Sessions;

/// <summary>The session e-mails in a test's pickup folder, each with its calendar attachment parsed back by Ical.Net.</summary>
public static class SessionMail
{
    public sealed record Mail(string To, string Subject, string Body, string MessageId, string? CalendarContentType, string? CalendarText)
    {
        public Calendar Calendar => Calendar.Load(CalendarText ?? throw new InvalidOperationException($"'{Subject}' has no calendar attached."))!;
    }

    public static IReadOnlyList<Mail> All(string dataFolder)
    {
        var folder = Path.Combine(dataFolder, "mail");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder, "*.eml").Select(f =>
        {
            var m = MimeMessage.Load(f);
            var ics = m.Attachments.OfType<MimePart>().SingleOrDefault(a => a.ContentType.MimeType == "text/calendar");
            string? text = null;
            if (ics is not null)
            {
                using var stream = new MemoryStream();
                ics.Content!.DecodeTo(stream);
                text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
            }
            return (Written: File.GetLastWriteTimeUtc(f), Mail: new Mail(m.To.Mailboxes.Single().Address, m.Subject ?? "", m.TextBody ?? "", m.MessageId ?? "", ics is null ? null : $"{ics.ContentType.MimeType}; method={ics.ContentType.Parameters["method"]}; charset={ics.ContentType.Charset}", text));
        }).OrderBy(x => x.Written).Select(x => x.Mail).ToList();
    }

    public static IReadOnlyList<Mail> To(string dataFolder, string email) =>
        All(dataFolder).Where(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase)).ToList();
}
