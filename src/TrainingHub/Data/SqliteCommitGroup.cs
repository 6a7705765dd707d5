using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrainingHub.Data;

/// <summary>
/// Commits small, frequent writes (heartbeats) to SQLite in groups: one transaction, so one fsync, for every write that
/// arrived while the previous group was committing. SQLite has one writer and syncs its log on every commit, so at
/// hundreds of writes a second the commits, not the work, set the pace.
/// <para>
/// Each write is staged on the group's own context and saved on its own; EF Core wraps each save in a savepoint, so a
/// write that fails (a concurrency conflict, a repeated key) is rolled back alone and the others stand. A caller hears
/// back only after the group's commit: success means its rows are on disk, and a failure reaches it after the commit,
/// so its retry reads what the others wrote. If the commit itself fails, every write in the group fails and nothing
/// in it was saved.
/// </para>
/// </summary>
public sealed partial class SqliteCommitGroup(IServiceScopeFactory scopes, SqliteWriteGate gates, ILogger<SqliteCommitGroup> logger) : IAsyncDisposable
{
    /// <summary>At most this many writes share one commit, so one commit never keeps the others waiting long.</summary>
    public const int MaxPerCommit = 128;

    private sealed record Work(Action<TrainingHubDb> Stage, TaskCompletionSource Done);

    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _loop;

    /// <summary>
    /// Queues a write: <paramref name="stage"/> adds or attaches its entities to the group's context (entities of its own,
    /// not tracked by any other context). Completes when the write is committed; throws what its save threw, or a
    /// <see cref="DbUpdateException"/> when the group could not be committed. Not cancellable once queued, because the
    /// write may already be part of a commit.
    /// </summary>
    public Task SaveAsync(Action<TrainingHubDb> stage)
    {
        var work = new Work(stage, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(work)) throw new ObjectDisposedException(nameof(SqliteCommitGroup));
        lock (_start) _loop ??= Task.Run(LoopAsync);
        return work.Done.Task;
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            var group = new List<(Work Work, Exception? Failed)>();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
                var gate = gates.For(db.Database.GetConnectionString()!);
                await gate.WaitAsync();
                try
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    while (group.Count < MaxPerCommit && reader.TryRead(out var work))
                    {
                        Exception? failed = null;
                        try
                        {
                            work.Stage(db);
                            await db.SaveChangesAsync();
                        }
                        catch (Exception e)
                        {
                            failed = e;
                        }
                        finally
                        {
                            db.ChangeTracker.Clear();
                        }
                        group.Add((work, failed));
                    }
                    await transaction.CommitAsync();
                }
                finally
                {
                    gate.Release();
                }
                foreach (var (work, failed) in group)
                {
                    if (failed is null) work.Done.TrySetResult();
                    else work.Done.TrySetException(failed);
                }
            }
            catch (Exception e)
            {
                GroupFailed(logger, e, group.Count);
                var failure = new DbUpdateException("The group of writes this one was part of could not be committed; none of them was saved.", e);
                foreach (var (work, _) in group) work.Done.TrySetException(failure);
                // Nothing was taken from the queue if the transaction could not even begin: fail what waits, rather than
                // leave it waiting on a database that refuses writes.
                if (group.Count == 0)
                {
                    while (reader.TryRead(out var waiting)) waiting.Done.TrySetException(failure);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_start) loop = _loop;
        if (loop is not null) await loop;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A group of {Count} writes could not be committed")]
    private static partial void GroupFailed(ILogger logger, Exception exception, int count);
}
