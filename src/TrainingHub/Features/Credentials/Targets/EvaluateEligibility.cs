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
/// The recurring check: everyone with a chosen credential is evaluated against the state they were last told of. The first
/// time someone is eligible, a notice is queued; when they stop meeting it, a notice with the reason; when they meet it
/// again, another. Each change of state has its own unique outbox key (see <see cref="EligibilityChanged.NoticeKey"/>), so
/// retries and second servers queue it once, and every change is told exactly once.
/// </summary>
public static class EvaluateEligibility
{
    public sealed record Command : ICommand<int>;

    public static string NoticeKey(string personId, string credentialId) => new EligibilityReached(personId, credentialId).Key;

    /// <summary>The number of the last change of state told for each person and credential (0: the first notice; odd: lost; even: met).</summary>
    public static Dictionary<(string Person, string Credential), int> LastChanges(IEnumerable<string> keys)
    {
        var result = new Dictionary<(string, string), int>();
        foreach (var key in keys)
        {
            var parts = key.Split('/');
            if (parts.Length < 3 || parts[0] != "eligible") continue;
            var change = parts.Length == 3 ? 0 : int.TryParse(parts[3], out var n) ? n : -1;
            if (change < 0) continue;
            var id = (parts[1], parts[2]);
            if (!result.TryGetValue(id, out var last) || change > last) result[id] = change;
        }
        return result;
    }

    /// <summary>What is missing, in words, for the lost-eligibility notice.</summary>
    public static string Reason(EligibilityResult result)
    {
        var gaps = result.Requirements.Where(r => !r.Met).Select(r => r.Gap ?? r.Title)
            .Concat(result.Constraints.Where(c => !c.Met).Select(c => c.Gap ?? c.Title)).ToList();
        var text = string.Join("; ", gaps);
        return text.Length > 1500 ? text[..1500] + "…" : text;
    }

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules, PersonRecords records, TimeProvider clock, AuditTrail audit, Outbox.Outbox outbox, Pipeline.UnitOfWork unitOfWork) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var targets = await db.CredentialTargets.AsNoTracking().Select(t => new { t.PersonId, t.CredentialId }).ToListAsync(ct);
            var told = LastChanges(await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Kind == OutboxKind.EligibilityNotice || m.Kind == OutboxKind.EligibilityChangeNotice).Select(m => m.Key).ToListAsync(ct));
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var queued = 0;
            foreach (var person in targets.GroupBy(t => t.PersonId))
            {
                var sets = person.Select(t => rules.Find(t.CredentialId)).OfType<CredentialRuleSet>().ToList();
                if (sets.Count == 0) continue;
                var record = await records.LoadAsync(person.Key, ct);
                foreach (var set in sets)
                {
                    var result = Eligibility.Evaluate(set, record, today);
                    var last = told.TryGetValue((person.Key, set.Id), out var n) ? n : -1;
                    var toldMet = last >= 0 && last % 2 == 0;
                    if (result.Eligible == toldMet) continue;
                    if (last < 0)
                    {
                        outbox.Add(new EligibilityReached(person.Key, set.Id));
                        audit.Record(null, AuditActions.EligibilityReached, $"person/{person.Key}", set.Id);
                    }
                    else
                    {
                        outbox.Add(new EligibilityChanged(person.Key, set.Id, last + 1, result.Eligible ? "" : Reason(result)));
                        audit.Record(null, result.Eligible ? AuditActions.EligibilityReached : AuditActions.EligibilityLost, $"person/{person.Key}", set.Id);
                    }
                }
                if (!db.ChangeTracker.HasChanges()) continue;
                var adding = db.ChangeTracker.Entries<OutboxMessage>().Count(e => e.State == EntityState.Added);
                try
                {
                    await unitOfWork.SaveAsync(ct);
                    queued += adding;
                }
                catch (DbUpdateException e) when (DbConflicts.IsLostRace(e))
                {
                    // Another server queued the same change first: its unique key kept it to one.
                }
                db.ChangeTracker.Clear();
            }
            return queued;
        }
    }
}
