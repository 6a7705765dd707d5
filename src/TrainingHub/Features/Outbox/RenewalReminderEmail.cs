using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features.Credentials.Held;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Infrastructure;
using TrainingHub.Localization;

namespace TrainingHub.Features.Outbox;

/// <summary>Reminds a person that a credential they hold expires soon, with this cycle's continuing education so far.</summary>
public sealed class RenewalReminderEmail(TrainingHubDb db, IMailSender mail, CredentialRuleBook rules, PersonRecords records, IOptions<CredentialOptions> options,
    IOptions<InstituteOptions> institute, TimeProvider clock) : IOutboxHandler<RenewalReminderDue>
{
    public async Task HandleAsync(RenewalReminderDue message, OutboxDelivery delivery, CancellationToken ct)
    {
        var held = await db.HeldCredentials.AsNoTracking().SingleAsync(h => h.Id == message.HeldCredentialId, ct);
        var set = rules.Find(held.CredentialId) ?? throw new InvalidOperationException($"The credential '{held.CredentialId}' is no longer in content/credentials/.");
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == held.PersonId, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var progress = Renewal.Evaluate(set, new HeldCredentialFacts(held.CredentialId, held.AwardedOn, held.ExpiresOn ?? message.ExpiresOn),
            await records.LoadAsync(held.PersonId, ct), CredentialLife.ContinuingEducationCourses(options.Value, set.Board), today);
        var baseUrl = institute.Value.PublicBaseUrl.TrimEnd('/');
        var words = Words.For(person.PreferredLanguage);
        var where = progress is null
            ? words["Check with {0} what its renewal asks for.", set.BoardName]
            : string.Join("\n", progress.Lines.Select(l => $"- {words.Say(l.TitlePhrase)}: {words.Say(l.ProgressPhrase)}"
                + (l.Met ? words[" (done)"] : ", " + words.Say(Phrase.Counted("{0, plural, one {# hour to go} other {# hours to go}}", l.Gap)))));
        var expires = words.Date(message.ExpiresOn);
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, words["Your {0} expires on {1}", set.Name, expires],
            string.Join("\n\n",
                words["Hello {0},", person.FullName],
                words["Your {0} (number {1}) expires on {2}, in about {3} days.", set.Name, held.Number, expires, message.DaysBefore],
                words["Your continuing education this cycle, as TrainingHub has it:"] + "\n" + where,
                words["See what counts and download your renewal packet: {0}", $"{baseUrl}/my/credentials"] + "\n"
                + words["{0} decides what it accepts; check its renewal page before you apply.", set.BoardName]),
            SendKey: $"{delivery.MessageId}/{person.Id}"), ct);
    }
}
