using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Outbox;

namespace TrainingHub.Features.Pipeline;

/// <summary>
/// Marks a command whose handler changes data: the <see cref="UnitOfWorkBehavior{TMessage,TResponse}"/> runs it in one
/// transaction and saves once after it (the handler only adds its rows).
/// </summary>
public interface ITransactional;

/// <summary>
/// The end of a use case that changed data, in one place: the rules that must see the unsaved rows (course completion)
/// run, everything is saved at once, and after the commit the outbox is kicked if the change queued work.
/// </summary>
public sealed class UnitOfWork(TrainingHubDb db, CompletionCheck completion, IOutboxKick kick)
{
    private bool _queuedWork;

    /// <summary>
    /// Completes what the tracked changes completed, then saves. Outside a transaction the save is the commit, so the
    /// outbox is kicked here; inside one, <see cref="UnitOfWorkBehavior{TMessage,TResponse}"/> kicks it after its commit.
    /// Handlers normally leave saving to the behaviour; one that must answer a lost race at save time (a double click)
    /// calls this itself.
    /// </summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        await completion.CompleteAffectedAsync(ct);
        _queuedWork |= db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(ct);
        if (db.Database.CurrentTransaction is null) Committed();
    }

    internal void Committed()
    {
        if (!_queuedWork) return;
        _queuedWork = false;
        kick.Kick();
    }

    internal void RolledBack() => _queuedWork = false;
}

/// <summary>
/// Runs an <see cref="ITransactional"/> command in one transaction: begin, handler, <see cref="UnitOfWork.SaveAsync"/>,
/// commit, then kick the outbox. On SQLite the transaction takes the process's write gate first (writers queue there
/// instead of sleeping in SQLite's busy handler, see <see cref="SqliteWriteGate"/>) and begins immediately, so a use
/// case that reads then writes can never meet a newer snapshot at its first write. A command sent from inside another
/// one joins the outer transaction.
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(TrainingHubDb db, UnitOfWork unitOfWork, SqliteWriteGate gates) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (message is not ITransactional || db.Database.CurrentTransaction is not null) return await next(message, ct);

        var gate = gates.For(db);
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var response = await next(message, ct);
                await unitOfWork.SaveAsync(ct);
                await transaction.CommitAsync(ct);
                return response;
            }
            catch
            {
                unitOfWork.RolledBack();
                db.ChangeTracker.Clear();
                throw;
            }
        }
        finally
        {
            gate?.Release();
            unitOfWork.Committed();
        }
    }
}
