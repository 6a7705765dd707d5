using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.SignOffs;

/// <summary>The daily digest: each supervisor with items waiting at their sites gets one email a day, never two.</summary>
public static class SendSupervisorDigests
{
    public sealed record Command : ICommand<int>;

    public sealed class Handler(TrainingHubDb db, SupervisorRules rules, IMailSender mail, TimeProvider clock, IOptions<InstituteOptions> institute)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(institute.Value.TimeZone);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
            var supervisors = await db.SiteMemberships.AsNoTracking().Where(m => m.Role == Roles.Supervisor).Select(m => m.PersonId).Distinct().ToListAsync(ct);
            var sent = 0;
            foreach (var supervisorId in supervisors)
            {
                if (await db.SupervisorDigests.AnyAsync(d => d.SupervisorId == supervisorId && d.Day == today, ct)) continue;
                var sites = await rules.SupervisedSitesAsync(supervisorId, ct);
                    var hours = await rules.HoursAt(PendingItems.Hours(db), sites).Where(h => h.PersonId != supervisorId).CountAsync(ct);
                var practicum = await SupervisorRules.PracticumAt(PendingItems.Practicum(db), sites).Where(p => p.PersonId != supervisorId).CountAsync(ct);
                if (hours + practicum == 0) continue;
                var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == supervisorId, ct);
                db.SupervisorDigests.Add(new SupervisorDigest { Id = Guid.NewGuid(), SupervisorId = supervisorId, Day = today, PendingItems = hours + practicum, SentAt = now });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another job server sent today's digest first.
                    db.ChangeTracker.Clear();
                    continue;
                }
                var words = Localization.Words.For(person.PreferredLanguage);
                await mail.SendAsync(new MailMessage(person.Email!, person.FullName, words["{0} items wait for your sign-off", hours + practicum],
                    string.Join("\n\n",
                        words["Hello {0},", person.FullName],
                        words["Trainees at your site are waiting for you to sign off {0} hours entries and {1} practice or supervision entries.", hours, practicum],
                        words["Open your sign-off queue: {0}", $"{institute.Value.PublicBaseUrl.TrimEnd('/')}/supervise"])), ct);
                sent++;
            }
            return sent;
        }
    }
}
