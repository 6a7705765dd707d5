using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Outbox;

/// <summary>
/// Processes outbox rows not yet done. A row is claimed (its attempt counter is a concurrency token) before its work
/// runs, so two job servers never process the same row at once; a failure is recorded and retried on the next run.
/// </summary>
public static partial class DispatchOutbox
{
    /// <summary>Process the oldest pending rows (the reconciliation pass), or only <paramref name="MessageId"/> when given.</summary>
    public sealed record Command(int MaxMessages = 500, Guid? MessageId = null) : ICommand<int>;

    public interface IOutboxWork
    {
        OutboxKind Kind { get; }
        Task RunAsync(OutboxMessage message, CancellationToken ct);
    }

    public sealed partial class Handler(TrainingHubDb db, IEnumerable<IOutboxWork> workers, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var done = 0;
            var pending = db.OutboxMessages.AsNoTracking().Where(m => m.ProcessedAt == null && m.Attempts < 10);
            if (command.MessageId is { } only) pending = pending.Where(m => m.Id == only);
            var ids = await pending.OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(command.MaxMessages).ToListAsync(ct);
            foreach (var id in ids)
            {
                db.ChangeTracker.Clear();
                var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, ct);
                if (message.ProcessedAt is not null) continue;
                message.Attempts++;
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    continue;
                }
                var worker = workers.FirstOrDefault(w => w.Kind == message.Kind);
                try
                {
                    if (worker is null) throw new InvalidOperationException($"No worker handles {message.Kind}.");
                    await worker.RunAsync(message, ct);
                    message.ProcessedAt = clock.GetUtcNow().UtcDateTime;
                    message.LastError = null;
                    done++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Failed(logger, e, message.Kind.ToString(), message.Key);
                    message.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                }
                db.Entry(message).Property(m => m.Attempts).OriginalValue = message.Attempts;
                await db.SaveChangesAsync(ct);
            }
            return done;
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox work {Kind} {Key} failed; it will be retried")]
        private static partial void Failed(ILogger logger, Exception exception, string kind, string key);
    }

    public static Guid ReadGuid(OutboxMessage message, string property) =>
        JsonDocument.Parse(message.Payload).RootElement.GetProperty(property).GetGuid();
}
