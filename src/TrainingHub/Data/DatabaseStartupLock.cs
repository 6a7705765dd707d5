using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TrainingHub.Data;

/// <summary>
/// Held while one server migrates and seeds the database, so servers started together on an empty database take turns:
/// the first migrates and seeds, the others wait and then find nothing left to do. PostgreSQL: a session advisory lock;
/// SQL Server: a session application lock; SQLite: an exclusive lock on a file beside the database (only processes on
/// the same machine can share a SQLite file).
/// </summary>
internal sealed class DatabaseStartupLock : IAsyncDisposable
{
    // Any fixed number will do: it names this lock among the database's advisory locks ("THubMigr" in ASCII).
    private const long PostgreSqlKey = 0x5448_7562_4D69_6772;
    private const string SqlServerResource = "TrainingHub.DatabaseStartup";

    // A first migration of a large database can take minutes; the command timeout (30 s) is too short to wait for it.
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(15);

    private readonly TrainingHubDb? _db;
    private readonly string? _releaseSql;
    private readonly FileStream? _file;

    private DatabaseStartupLock(TrainingHubDb? db, string? releaseSql, FileStream? file)
    {
        _db = db;
        _releaseSql = releaseSql;
        _file = file;
    }

    public static async Task<DatabaseStartupLock> TakeAsync(TrainingHubDb db, CancellationToken ct)
    {
        if (db.Database.IsSqlite()) return new(null, null, await LockFileAsync(db, ct));
        var (take, release) = db.Database.IsNpgsql()
            ? ($"SELECT pg_advisory_lock({PostgreSqlKey})", $"SELECT pg_advisory_unlock({PostgreSqlKey})")
            : ($"""
                DECLARE @result int;
                EXEC @result = sp_getapplock @Resource = N'{SqlServerResource}', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = {(int)Wait.TotalMilliseconds};
                IF @result < 0 THROW 50000, N'Another server held the database start-up lock too long (sp_getapplock returned a negative result).', 1;
                """,
                $"EXEC sp_releaseapplock @Resource = N'{SqlServerResource}', @LockOwner = N'Session';");
        // The lock belongs to the session: the connection stays open (and out of the pool) until it is released.
        await db.Database.OpenConnectionAsync(ct);
        var timeout = db.Database.GetCommandTimeout();
        try
        {
            db.Database.SetCommandTimeout(Wait);
            await db.Database.ExecuteSqlRawAsync(take, ct);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
        return new(db, release, null);
    }

    private static async Task<FileStream?> LockFileAsync(TrainingHubDb db, CancellationToken ct)
    {
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:") return null;
        // Left in place once released: deleting it could let two waiters lock two different files of the same name.
        var path = Path.GetFullPath(dataSource) + ".startup-lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null) await _file.DisposeAsync();
        if (_db is null) return;
        try
        {
            await _db.Database.ExecuteSqlRawAsync(_releaseSql!);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}
