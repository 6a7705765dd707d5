using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Email;
using TrainingHub.Infrastructure;
using TrainingHub.Localization;

namespace TrainingHub.Features.Outbox;

/// <summary>
/// Tells a person, and the supervisors of their site, that they no longer meet a credential they had met (with what is
/// missing), or that they meet it again. Plain words; the reason names requirements, never clinical facts.
/// </summary>
public sealed class EligibilityChangeEmail(TrainingHubDb db, IMailSender mail, CredentialRuleBook rules, IOptions<InstituteOptions> institute) : IOutboxHandler<EligibilityChanged>
{
    public async Task HandleAsync(EligibilityChanged message, OutboxDelivery delivery, CancellationToken ct)
    {
        var set = rules.Find(message.CredentialId) ?? throw new InvalidOperationException($"The credential '{message.CredentialId}' is no longer in content/credentials/.");
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == message.PersonId, ct);
        var baseUrl = institute.Value.PublicBaseUrl.TrimEnd('/');
        var supervisors = await EligibilityNoticeEmail.SupervisorsAsync(db, message.PersonId, ct);
        var words = Words.For(person.PreferredLanguage);
        var (subject, body) = message.Lost
            ? (words["You no longer meet the requirements for the {0}", set.Name],
                string.Join("\n\n",
                    words["Hello {0},", person.FullName],
                    words["Something in your record changed, and you no longer meet every requirement TrainingHub knows of for the {0}. This can happen when hours are corrected or a sign-off is withdrawn. Nothing was lost from your record; it now shows:", set.Name],
                    words["What is still needed: {0}", message.Reason],
                    words["Your credentials page shows each requirement and what counts: {0}", $"{baseUrl}/my/credentials"] + "\n"
                    + words["If you applied to the board already, talk with your supervisor before you go further."]))
            : (words["You meet the requirements for the {0} again", set.Name],
                string.Join("\n\n",
                    words["Hello {0},", person.FullName],
                    words["You meet every requirement TrainingHub knows of for the {0} again.", set.Name],
                    words["Your credentials page and your application packet are up to date: {0}", $"{baseUrl}/my/credentials"]));
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, subject, body, SendKey: $"{delivery.MessageId}/{person.Id}"), ct);

        foreach (var supervisor in supervisors)
        {
            var theirs = Words.For(supervisor.Language);
            var progress = theirs["See their progress: {0}", $"{baseUrl}/sites/{supervisor.SiteId}/credentials/{message.PersonId}"];
            var text = message.Lost
                ? string.Join("\n\n",
                    theirs["Hello {0},", supervisor.FullName],
                    theirs["{0}, a trainee at your site, no longer meets every requirement TrainingHub knows of for the {1}. An earlier e-mail said they met it; that no longer holds.", person.FullName, set.Name],
                    theirs["What is still needed: {0}", message.Reason],
                    progress)
                : string.Join("\n\n",
                    theirs["Hello {0},", supervisor.FullName],
                    theirs["{0}, a trainee at your site, meets every requirement TrainingHub knows of for the {1} again.", person.FullName, set.Name],
                    progress);
            await mail.SendAsync(new MailMessage(supervisor.Email!, supervisor.FullName,
                message.Lost ? theirs["{0} no longer meets the requirements for the {1}", person.FullName, set.Name] : theirs["{0} meets the requirements for the {1} again", person.FullName, set.Name],
                text, SendKey: $"{delivery.MessageId}/{supervisor.Email}"), ct);
        }
    }
}
