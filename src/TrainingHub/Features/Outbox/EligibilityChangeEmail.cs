using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Email;
using TrainingHub.Infrastructure;

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
        var (subject, body) = message.Lost
            ? ($"You no longer meet the requirements for the {set.Name}",
                $"""
                Hello {person.FullName},

                Something in your record changed, and you no longer meet every requirement TrainingHub knows of for the {set.Name}.
                This can happen when hours are corrected or a sign-off is withdrawn. Nothing was lost from your record; it now shows:

                What is still needed: {message.Reason}

                Your credentials page shows each requirement and what counts: {baseUrl}/my/credentials
                If you applied to the board already, talk with your supervisor before you go further.
                """)
            : ($"You meet the requirements for the {set.Name} again",
                $"""
                Hello {person.FullName},

                You meet every requirement TrainingHub knows of for the {set.Name} again.

                Your credentials page and your application packet are up to date: {baseUrl}/my/credentials
                """);
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, subject, body, SendKey: $"{delivery.MessageId}/{person.Id}"), ct);

        foreach (var supervisor in supervisors)
        {
            var text = message.Lost
                ? $"""
                  Hello {supervisor.FullName},

                  {person.FullName}, a trainee at your site, no longer meets every requirement TrainingHub knows of for the {set.Name}.
                  An earlier e-mail said they met it; that no longer holds.

                  What is still needed: {message.Reason}

                  See their progress: {baseUrl}/sites/{supervisor.SiteId}/credentials/{message.PersonId}
                  """
                : $"""
                  Hello {supervisor.FullName},

                  {person.FullName}, a trainee at your site, meets every requirement TrainingHub knows of for the {set.Name} again.

                  See their progress: {baseUrl}/sites/{supervisor.SiteId}/credentials/{message.PersonId}
                  """;
            await mail.SendAsync(new MailMessage(supervisor.Email!, supervisor.FullName,
                message.Lost ? $"{person.FullName} no longer meets the requirements for the {set.Name}" : $"{person.FullName} meets the requirements for the {set.Name} again",
                text, SendKey: $"{delivery.MessageId}/{supervisor.Email}"), ct);
        }
    }
}
