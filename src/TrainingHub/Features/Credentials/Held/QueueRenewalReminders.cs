using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Credentials.Held;

/// <summary>
/// The recurring renewal check: each verified held credential that expires within 180, 90 or 30 days gets that reminder,
/// once. The outbox key (credential record, expiry, threshold) is unique, so two runs at once, on one server or two, queue
/// it once; the loser's insert is a lost race and is skipped. A credential recorded late gets only the nearest reminder.
/// </summary>
public static class QueueRenewalReminders
{
    /// <returns>How many reminders this run queued.</returns>
    public sealed record Command : ICommand<int>;

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules, TimeProvider clock, Outbox.Outbox outbox, UnitOfWork unitOfWork) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var held = (await HeldCredentialState.LoadAsync(db, rules, null, ct)).Where(h => h.Verified).ToList();
            // A newer verified record of the same credential (a renewal) replaces the older one.
            var current = held.GroupBy(h => (h.Record.PersonId, h.Record.CredentialId)).Select(g => g.First()).ToList();
            var queued = 0;
            foreach (var h in current)
            {
                if (HeldCredentialState.ExpiryOf(h, rules, today) is not { } expires || Renewal.ReminderDue(expires, today) is not { } days) continue;
                var reminder = new RenewalReminderDue(h.Record.Id, expires, days);
                if (await outbox.QueuedAsync(reminder.Key, ct)) continue;
                outbox.Add(reminder);
                try
                {
                    await unitOfWork.SaveAsync(ct);
                    queued++;
                }
                catch (DbUpdateException e) when (DbConflicts.IsLostRace(e))
                {
                    // Another run queued this reminder between our check and our insert.
                }
                db.ChangeTracker.Clear();
            }
            return queued;
        }
    }
}
