using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrainingHub.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock. SQLite allows one writer at a time; without a busy timeout a second
/// writer gets SQLITE_BUSY at once and Microsoft.Data.Sqlite retries it by blocking its thread for 150 ms at a time, so
/// two heartbeats or quiz submissions arriving together cost the second one 150 ms or more (and a blocked thread-pool
/// thread). With a busy timeout SQLite retries after 1, 2, 5, 10 … ms and the writer goes on as soon as the lock is free.
/// The limit is the command timeout, as before.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
        }
    }
}
