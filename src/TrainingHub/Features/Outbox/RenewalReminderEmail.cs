using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features.Credentials.Held;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Infrastructure;

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
        var where = progress is null
            ? $"Check with {set.BoardName} what its renewal asks for."
            : string.Join("\n", progress.Lines.Select(l => $"- {l.Title}: {l.Progress}{(l.Met ? " (done)" : $", {Eligibility.HoursText(l.Gap)} to go")}"));
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, $"Your {set.Name} expires on {Eligibility.DateText(message.ExpiresOn)}",
            $"""
            Hello {person.FullName},

            Your {set.Name} (number {held.Number}) expires on {Eligibility.DateText(message.ExpiresOn)}, in about {message.DaysBefore} days.

            Your continuing education this cycle, as TrainingHub has it:
            {where}

            See what counts and download your renewal packet: {baseUrl}/my/credentials
            {set.BoardName} decides what it accepts; check its renewal page before you apply.
            """, SendKey: $"{delivery.MessageId}/{person.Id}"), ct);
    }
}
