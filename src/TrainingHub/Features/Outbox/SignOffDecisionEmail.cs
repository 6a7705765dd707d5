using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Infrastructure;
using TrainingHub.Localization;

namespace TrainingHub.Features.Outbox;

/// <summary>Emails each trainee in a sign-off what was decided, and the reason when it was not signed off.</summary>
public sealed class SignOffDecisionEmail(TrainingHubDb db, IMailSender mail, CourseCatalog catalog, IOptions<InstituteOptions> institute) : IOutboxHandler<SignOffDecided>
{
    public async Task HandleAsync(SignOffDecided message, OutboxDelivery delivery, CancellationToken ct)
    {
        var signOffId = message.SignOffId;
        var signOff = await db.SignOffs.AsNoTracking().SingleAsync(s => s.Id == signOffId, ct);
        var supervisor = await db.Users.AsNoTracking().Where(u => u.Id == signOff.SupervisorId).Select(u => u.FullName).SingleAsync(ct);
        var items = await db.SignOffItems.AsNoTracking().Where(i => i.SignOffId == signOffId).ToListAsync(ct);
        foreach (var group in items.GroupBy(i => i.PersonId))
        {
            var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == group.Key, ct);
            var words = Words.For(person.PreferredLanguage);
            var approved = signOff.Decision == SignOffDecision.Approved;
            var site = institute.Value.PublicBaseUrl.TrimEnd('/');
            var lines = new List<string>();
            foreach (var item in group)
            {
                if (item.Subject == SignOffSubject.Hours)
                {
                    var entry = await db.HoursEntries.AsNoTracking().SingleAsync(h => h.Id == item.SubjectId, ct);
                    var lesson = entry.LessonId is null ? null : catalog.FindLesson(entry.CourseId, entry.LessonId)?.Title;
                    lines.Add($"- {words["{0} h", words.Hours(item.Hours)]}: {catalog.Find(entry.CourseId)?.Title ?? entry.CourseId}{(lesson is null ? "" : $", {lesson}")}"
                        + (approved ? "" : "\n  " + words["Send it again from your hours page: {0}", $"{site}/my/hours#resend-{entry.Id}"]));
                }
                else
                {
                    var p = await db.PracticumEntries.AsNoTracking().SingleAsync(x => x.Id == item.SubjectId, ct);
                    var kind = p.Kind == PracticumKind.Experience ? "{0} h of practice on {1}" : "{0} h of supervision on {1}";
                    lines.Add($"- {words[kind, words.Hours(item.Hours), words.Date(p.Date)]}: {p.Description}"
                        + (approved ? "" : "\n  " + words["Correct it and send it again from your practice log: {0}", $"{site}/my/practicum?resubmit={p.Id}#log-hours"]));
                }
            }
            var body = approved
                ? string.Join("\n\n",
                    words["Hello {0},", person.FullName],
                    words["{0} signed off these hours. They now count in your record:", supervisor],
                    string.Join("\n", lines),
                    words["See all your hours: {0}", $"{site}/my/hours"])
                : string.Join("\n\n",
                    words["Hello {0},", person.FullName],
                    words["{0} did not sign off these hours yet:", supervisor],
                    string.Join("\n", lines),
                    words["Their reason: {0}", signOff.Reason],
                    words["When you have talked it over with your supervisor and put it right, send each item back for sign-off from the address beside it."]);
            await mail.SendAsync(new MailMessage(person.Email!, person.FullName,
                approved ? words["Your hours were signed off"] : words["Your hours were not signed off yet"], body, SendKey: $"{delivery.MessageId}/{person.Id}"), ct);
        }
    }
}
