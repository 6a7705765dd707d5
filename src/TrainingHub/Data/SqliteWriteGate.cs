using System.Collections.Concurrent;

namespace TrainingHub.Data;

/// <summary>
/// Queues this process's SQLite writers in turn. SQLite has one writer at a time; when several save at once, the ones
/// that find the write lock taken wait in SQLite's busy handler, which sleeps 1, 2, 5, 10 … ms between tries, so the
/// lock often sits free while they sleep. Taking turns here first hands the lock on the moment the previous writer
/// commits. Other processes (the CLI, a second site) still meet the busy timeout, so nothing depends on this gate for
/// correctness: it only removes the sleeping. One gate per database file.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(string connectionString) => Gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
}
