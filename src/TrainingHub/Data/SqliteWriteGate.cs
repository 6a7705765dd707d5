using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrainingHub.Data;

/// <summary>
/// Queues this process's SQLite writers in turn. SQLite has one writer at a time; when several save at once, the ones
/// that find the write lock taken wait in SQLite's busy handler, which sleeps 1, 2, 5, 10 … ms between tries, so the
/// lock often sits free while they sleep. Taking turns here first hands the lock on the moment the previous writer
/// commits. Other processes (the CLI, a second site) still meet the busy timeout, so nothing depends on this gate for
/// correctness: it only removes the sleeping. One gate per database file; one instance per host, injected where writes
/// begin (a plain save, the unit of work's transaction, a group of heartbeats).
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public SemaphoreSlim For(string connectionString) => _gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));

    /// <summary>The gate of this context's database when it is SQLite, or null.</summary>
    public SemaphoreSlim? For(DbContext db) =>
        db.Database.IsSqlite() && db.Database.GetConnectionString() is { } connectionString ? For(connectionString) : null;
}

/// <summary>
/// A save outside an explicit transaction takes its turn at the gate; inside a transaction the connection may already
/// hold the write lock (whoever began the transaction took the turn), so it must not wait behind others.
/// </summary>
public sealed class SqliteWriteGateInterceptor(SqliteWriteGate gates) : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<DbContext, SemaphoreSlim> _held = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null && gates.For(db) is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
            _held[db] = gate;
        }
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    private void Release(DbContext? db)
    {
        if (db is not null && _held.TryRemove(db, out var gate)) gate.Release();
    }
}
