using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Outbox;

/// <summary>
/// Tells a person, and the supervisors of the site where they train, that they now meet every requirement TrainingHub
/// knows of for a credential they chose. The email says which credential, never what is in the person's record.
/// </summary>
public sealed class EligibilityNoticeEmail(TrainingHubDb db, IMailSender mail, CredentialRuleBook rules, IOptions<InstituteOptions> institute) : IOutboxHandler<EligibilityReached>
{
    public async Task HandleAsync(EligibilityReached message, OutboxDelivery delivery, CancellationToken ct)
    {
        var (personId, credentialId) = (message.PersonId, message.CredentialId);
        var set = rules.Find(credentialId) ?? throw new InvalidOperationException($"The credential '{credentialId}' is no longer in content/credentials/.");
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == personId, ct);
        var baseUrl = institute.Value.PublicBaseUrl.TrimEnd('/');
        var caution = set.HasUnconfirmed
            ? $"\nSome of these requirements could not be confirmed with the board. Check them with {set.BoardName} before you apply.\n"
            : "";

        var supervisors = await SupervisorsAsync(db, personId, ct);
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, $"You meet the requirements for the {set.Name}",
            $"""
            Hello {person.FullName},

            Good news: you now meet every requirement TrainingHub knows of for the {set.Name}.
            {caution}
            Your application packet (hours by the board's domains, certificates, sign-offs and your practice log) is ready to
            download from your credentials page: {baseUrl}/my/credentials

            {(supervisors.Count > 0 ? "Your supervisor has been told too, so you can plan the next steps together." : "")}
            """, SendKey: $"{delivery.MessageId}/{person.Id}"), ct);

        foreach (var supervisor in supervisors)
        {
            await mail.SendAsync(new MailMessage(supervisor.Email!, supervisor.FullName, $"{person.FullName} meets the requirements for the {set.Name}",
                $"""
                Hello {supervisor.FullName},

                {person.FullName}, a trainee at your site, now meets every requirement TrainingHub knows of for the {set.Name}.
                {caution}
                See their progress and their application packet: {baseUrl}/sites/{supervisor.SiteId}/credentials/{personId}
                """, SendKey: $"{delivery.MessageId}/{supervisor.Email}"), ct);
        }
    }

    /// <summary>The supervisors of every site where the person trains, each once (by e-mail address), with the site they share.</summary>
    public static async Task<List<SupervisorContact>> SupervisorsAsync(TrainingHubDb db, string personId, CancellationToken ct)
    {
        var rows = await (from trainee in db.SiteMemberships
                          join staff in db.SiteMemberships on trainee.SiteId equals staff.SiteId
                          join u in db.Users on staff.PersonId equals u.Id
                          where trainee.PersonId == personId && trainee.Role == Roles.Trainee && staff.Role == Roles.Supervisor && staff.PersonId != personId
                          select new SupervisorContact(u.Email, u.FullName, trainee.SiteId)).AsNoTracking().ToListAsync(ct);
        return rows.Where(x => x.Email is not null).DistinctBy(x => x.Email).ToList();
    }
}

public sealed record SupervisorContact(string? Email, string FullName, Guid SiteId);
