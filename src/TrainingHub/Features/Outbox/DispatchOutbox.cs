using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Outbox;

/// <summary>
/// Handles outbox rows not yet done. Each row is leased before its work runs: one conditional update sets the lease's
/// owner and expiry only if no other run holds it, so any number of workers and servers handle a row one at a time. A
/// run that dies leaves the lease to expire and the row is handled again (its work is safe to repeat: certificates are
/// keyed, e-mails carry a Message-ID derived from the row). A row that fails its last allowed attempt is given up,
/// logged once as an error and listed for institute admins.
/// </summary>
public static partial class DispatchOutbox
{
    /// <summary>Handle the oldest pending rows (also the reconciliation pass), or only <paramref name="MessageId"/> when given.</summary>
    public sealed record Command(int MaxMessages = 500, Guid? MessageId = null) : ICommand<int>;

    public const int MaxAttempts = 10;

    public sealed partial class Handler(TrainingHubDb db, IServiceProvider services, IEnumerable<OutboxRoute> routes, TimeProvider clock,
        IOptions<JobsOptions> options, ILogger<Handler> logger)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var lease = TimeSpan.FromSeconds(options.Value.OutboxLeaseSeconds);
            var done = 0;
            // The process id says which server holds a row (for an operator, and for the two-node test that kills one); the GUID, which run.
            var owner = $"{Environment.ProcessId}/{Guid.NewGuid():N}";
            var now = clock.GetUtcNow().UtcDateTime;
            var pending = Due(db.OutboxMessages.AsNoTracking(), now);
            if (command.MessageId is { } only) pending = pending.Where(m => m.Id == only);
            var ids = await pending.OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(command.MaxMessages).ToListAsync(ct);
            foreach (var id in ids)
            {
                db.ChangeTracker.Clear();
                now = clock.GetUtcNow().UtcDateTime;
                var claimed = await Due(db.OutboxMessages, now).Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.LeaseOwner, owner)
                    .SetProperty(m => m.LeasedUntil, now + lease)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
                if (claimed == 0)
                {
                    LostRace(logger, id);
                    continue;
                }
                var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct);
                try
                {
                    var route = routes.FirstOrDefault(r => r.Kind == row.Kind) ?? throw new InvalidOperationException($"No handler handles {row.Kind}.");
                    await route.RunAsync(services, row, ct);
                    db.ChangeTracker.Clear();
                    var finished = clock.GetUtcNow().UtcDateTime;
                    await Held(db, id, owner).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.ProcessedAt, finished)
                        .SetProperty(m => m.LastError, (string?)null)
                        .SetProperty(m => m.LeasedUntil, (DateTime?)null), ct);
                    done++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    db.ChangeTracker.Clear();
                    var error = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                    var gaveUp = row.Attempts >= MaxAttempts ? clock.GetUtcNow().UtcDateTime : (DateTime?)null;
                    await Held(db, id, owner).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.LastError, error)
                        .SetProperty(m => m.LeasedUntil, (DateTime?)null)
                        .SetProperty(m => m.GaveUpAt, gaveUp), ct);
                    if (gaveUp is null) Failed(logger, e, row.Kind.ToString(), row.Key, row.Attempts);
                    else GaveUp(logger, e, row.Kind.ToString(), row.Key, row.Attempts);
                }
            }
            return done;
        }

        private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> rows, DateTime now) =>
            rows.Where(m => m.ProcessedAt == null && m.GaveUpAt == null && (m.LeasedUntil == null || m.LeasedUntil < now));

        private static IQueryable<OutboxMessage> Held(TrainingHubDb db, Guid id, string owner) =>
            db.OutboxMessages.Where(m => m.Id == id && m.LeaseOwner == owner);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {Id} is being handled by another worker")]
        private static partial void LostRace(ILogger logger, Guid id);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox work {Kind} {Key} failed on attempt {Attempt}; it will be retried")]
        private static partial void Failed(ILogger logger, Exception exception, string kind, string key, int attempt);

        [LoggerMessage(Level = LogLevel.Error, Message = "Outbox work {Kind} {Key} failed on attempt {Attempt}, the last allowed: it is given up until an institute admin retries it")]
        private static partial void GaveUp(ILogger logger, Exception exception, string kind, string key, int attempt);
    }
}
