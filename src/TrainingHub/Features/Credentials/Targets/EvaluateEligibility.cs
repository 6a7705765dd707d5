using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Credentials.Targets;

/// <summary>
/// The recurring check: everyone with a chosen credential is evaluated, and the first time someone is eligible an
/// outbox row is written (its key is unique per person and credential), so the notice goes out once, whatever
/// retries, second servers or later changes happen.
/// </summary>
public static class EvaluateEligibility
{
    public sealed record Command : ICommand<int>;

    public static string NoticeKey(string personId, string credentialId) => new EligibilityReached(personId, credentialId).Key;

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules, PersonRecords records, TimeProvider clock, AuditTrail audit, Outbox.Outbox outbox, Pipeline.UnitOfWork unitOfWork) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var targets = await db.CredentialTargets.AsNoTracking().Select(t => new { t.PersonId, t.CredentialId }).ToListAsync(ct);
            var notified = (await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == OutboxKind.EligibilityNotice).Select(m => m.Key).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var queued = 0;
            foreach (var person in targets.GroupBy(t => t.PersonId))
            {
                var open = person.Where(t => !notified.Contains(NoticeKey(t.PersonId, t.CredentialId))).Select(t => rules.Find(t.CredentialId)).OfType<CredentialRuleSet>().ToList();
                if (open.Count == 0) continue;
                var record = await records.LoadAsync(person.Key, ct);
                foreach (var set in open.Where(s => Eligibility.Evaluate(s, record, today).Eligible))
                {
                    outbox.Add(new EligibilityReached(person.Key, set.Id));
                    audit.Record(null, AuditActions.EligibilityReached, $"person/{person.Key}", set.Id);
                }
                if (!db.ChangeTracker.HasChanges()) continue;
                try
                {
                    queued += db.ChangeTracker.Entries<OutboxMessage>().Count(e => e.State == EntityState.Added);
                    await unitOfWork.SaveAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another server queued the same notice first: the unique key kept it to one.
                    queued -= db.ChangeTracker.Entries<OutboxMessage>().Count(e => e.State == EntityState.Added);
                }
                db.ChangeTracker.Clear();
            }
            return queued;
        }
    }
}
