using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TrainingHub.Data;

/// <summary>Tells a lost race (another writer got there first) from a failure someone must look at, on every provider.</summary>
public static class DbConflicts
{
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteUnique = 2067;

    /// <summary>A concurrency-token conflict or a unique-key violation: read again and decide again.</summary>
    public static bool IsLostRace(DbUpdateException e) => e is DbUpdateConcurrencyException || e.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is SqlitePrimaryKey or SqliteUnique,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException s => s.Number is 2601 or 2627,
        _ => false,
    };
}
