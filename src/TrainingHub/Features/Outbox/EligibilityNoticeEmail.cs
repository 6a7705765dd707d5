using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Infrastructure;
using TrainingHub.Localization;

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
        string? Caution(Words words) => set.HasUnconfirmed
            ? words["Some of these requirements could not be confirmed with the board. Check them with {0} before you apply.", set.BoardName]
            : null;

        var supervisors = await SupervisorsAsync(db, personId, ct);
        var words = Words.For(person.PreferredLanguage);
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, words["You meet the requirements for the {0}", set.Name],
            string.Join("\n\n", new[]
            {
                words["Hello {0},", person.FullName],
                words["Good news: you now meet every requirement TrainingHub knows of for the {0}.", set.Name],
                Caution(words),
                words["Your application packet (hours by the board's domains, certificates, sign-offs and your practice log) is ready to download from your credentials page: {0}", $"{baseUrl}/my/credentials"],
                supervisors.Count > 0 ? words["Your supervisor has been told too, so you can plan the next steps together."] : null,
            }.OfType<string>()), SendKey: $"{delivery.MessageId}/{person.Id}"), ct);

        foreach (var supervisor in supervisors)
        {
            var theirs = Words.For(supervisor.Language);
            await mail.SendAsync(new MailMessage(supervisor.Email!, supervisor.FullName, theirs["{0} meets the requirements for the {1}", person.FullName, set.Name],
                string.Join("\n\n", new[]
                {
                    theirs["Hello {0},", supervisor.FullName],
                    theirs["{0}, a trainee at your site, now meets every requirement TrainingHub knows of for the {1}.", person.FullName, set.Name],
                    Caution(theirs),
                    theirs["See their progress and their application packet: {0}", $"{baseUrl}/sites/{supervisor.SiteId}/credentials/{personId}"],
                }.OfType<string>()), SendKey: $"{delivery.MessageId}/{supervisor.Email}"), ct);
        }
    }

    /// <summary>The supervisors of every site where the person trains, each once (by e-mail address), with the site they share.</summary>
    public static async Task<List<SupervisorContact>> SupervisorsAsync(TrainingHubDb db, string personId, CancellationToken ct)
    {
        var rows = await (from trainee in db.SiteMemberships
                          join staff in db.SiteMemberships on trainee.SiteId equals staff.SiteId
                          join u in db.Users on staff.PersonId equals u.Id
                          where trainee.PersonId == personId && trainee.Role == Roles.Trainee && staff.Role == Roles.Supervisor && staff.PersonId != personId
                          select new SupervisorContact(u.Email, u.FullName, trainee.SiteId, u.PreferredLanguage)).AsNoTracking().ToListAsync(ct);
        return rows.Where(x => x.Email is not null).DistinctBy(x => x.Email).ToList();
    }
}

public sealed record SupervisorContact(string? Email, string FullName, Guid SiteId, string? Language);
