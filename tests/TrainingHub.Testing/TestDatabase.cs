using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Infrastructure;

namespace TrainingHub.Testing;

public enum TestDatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The database the tests run on: SQLite files unless <c>TRAININGHUB_TEST_PROVIDER</c> names another, whose server
/// <c>TRAININGHUB_TEST_CONNECTION</c> reaches (its account must be allowed to create databases).
/// </summary>
public sealed record TestDatabaseSettings(TestDatabaseProvider Provider, string? ConnectionString = null)
{
    public static TestDatabaseSettings Current { get; } = FromEnvironment();

    public static TestDatabaseSettings FromEnvironment()
    {
        var name = Environment.GetEnvironmentVariable("TRAININGHUB_TEST_PROVIDER");
        if (string.IsNullOrWhiteSpace(name)) return new(TestDatabaseProvider.Sqlite);
        var provider = Enum.Parse<TestDatabaseProvider>(name, ignoreCase: true);
        var connection = Environment.GetEnvironmentVariable("TRAININGHUB_TEST_CONNECTION");
        if (provider != TestDatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException($"TRAININGHUB_TEST_PROVIDER={name} needs TRAININGHUB_TEST_CONNECTION.");
        }
        return new(provider, connection);
    }
}

/// <summary>
/// What a template database is seeded with. Hosts that seed alike share one template per test run; settings given to a
/// single host (attempt limits, provider numbers) are applied to its copy and never reach the seed.
/// </summary>
/// <param name="DemoData">Whether the demo institute, sites and people are in it.</param>
/// <param name="At">The clock the seed is stamped with; the system's when null.</param>
/// <param name="Settings">Configuration the seed reads, such as the institute's name in a site's appsettings.</param>
public sealed record DatabaseSeed(bool DemoData = true, DateTimeOffset? At = null, IReadOnlyDictionary<string, string?>? Settings = null)
{
    internal string Key =>
        $"{DemoData}|{At?.UtcTicks}|{string.Join('|', (Settings ?? new Dictionary<string, string?>()).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"))}";

    internal Dictionary<string, string?> Configuration()
    {
        var values = new Dictionary<string, string?>(Settings ?? new Dictionary<string, string?>()) { ["DemoData:Enabled"] = DemoData ? "true" : "false" };
        return values;
    }
}

/// <summary>One database a test owns, copied from a template; disposing it drops what lives outside the data folder.</summary>
public sealed class DatabaseCopy(IReadOnlyDictionary<string, string?> settings, Func<ValueTask>? drop = null) : IAsyncDisposable
{
    /// <summary>Configuration that points the application at the copy.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; } = settings;

    public ValueTask DisposeAsync() => drop?.Invoke() ?? ValueTask.CompletedTask;
}

/// <summary>
/// Migrates and seeds a database once per test run and seed (hashing the demo passwords is most of a host's start-up),
/// then hands each test a copy: a file copy with SQLite, <c>CREATE DATABASE … TEMPLATE …</c> with PostgreSQL.
/// </summary>
public abstract class TemplateDatabase
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<TemplateDatabase>>> Templates = new(StringComparer.Ordinal);

    /// <summary>The course catalog the template was seeded with: immutable, so hosts on the default content share it.</summary>
    public required CourseCatalog Catalog { get; init; }

    public abstract Task<DatabaseCopy> CopyAsync(string dataFolder);

    public static Task<TemplateDatabase> For(DatabaseSeed seed, TestDatabaseSettings? database = null)
    {
        database ??= TestDatabaseSettings.Current;
        // Off the caller's synchronization context: sites build theirs from synchronous configuration code.
        return Templates.GetOrAdd($"{database.Provider}|{seed.Key}", _ => new(() => Task.Run(() => BuildAsync(seed, database)))).Value;
    }

    /// <summary>A database with nothing in it, not even the schema, for tests of start-up itself; SQLite's file is made in the folder.</summary>
    public static async Task<DatabaseCopy> EmptyAsync(TestDatabaseSettings? database = null)
    {
        database ??= TestDatabaseSettings.Current;
        if (database.Provider == TestDatabaseProvider.Sqlite) return new DatabaseCopy(new Dictionary<string, string?>());
        return await PostgreSqlTemplate.EmptyAsync(database.ConnectionString!);
    }

    private static Task<TemplateDatabase> BuildAsync(DatabaseSeed seed, TestDatabaseSettings database) => database.Provider switch
    {
        TestDatabaseProvider.Sqlite => SqliteTemplate.BuildAsync(seed),
        TestDatabaseProvider.PostgreSql => PostgreSqlTemplate.BuildAsync(seed, database.ConnectionString!),
        _ => throw new NotSupportedException(database.Provider.ToString()),
    };

    /// <summary>Runs the application's own start-up (migrations, roles, institute, demo data) on the template.</summary>
    private protected static async Task<CourseCatalog> SeedAsync(string folder, DatabaseSeed seed, IDictionary<string, string?> database)
    {
        var values = seed.Configuration();
        foreach (var (key, value) in database) values[key] = value;
        var clock = seed.At is { } at ? new FakeTimeProvider(at) : null;
        await using var services = ApplicationServices.Build(folder, values, clock, catalog: null, configure: null);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(migrate: true, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        return services.GetRequiredService<CourseCatalog>();
    }

    private static void OnProcessExit(Action cleanUp) => AppDomain.CurrentDomain.ProcessExit += (_, _) => cleanUp();

    private sealed class SqliteTemplate(string file) : TemplateDatabase
    {
        private const string FileName = "traininghub.db";

        public static async Task<TemplateDatabase> BuildAsync(DatabaseSeed seed)
        {
            var folder = Directory.CreateTempSubdirectory("traininghub-template-").FullName;
            void Delete()
            {
                SqliteConnection.ClearAllPools();
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            }
            try
            {
                var catalog = await SeedAsync(folder, seed, new Dictionary<string, string?>());
                SqliteConnection.ClearAllPools();
                OnProcessExit(Delete);
                return new SqliteTemplate(Path.Combine(folder, FileName)) { Catalog = catalog };
            }
            catch
            {
                Delete();
                throw;
            }
        }

        public override Task<DatabaseCopy> CopyAsync(string dataFolder)
        {
            File.Copy(file, Path.Combine(dataFolder, FileName));
            // The copy is already at the latest migration: skip comparing the model with the migrations again.
            return Task.FromResult(new DatabaseCopy(new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" }));
        }
    }

    private sealed class PostgreSqlTemplate(string server, string template) : TemplateDatabase
    {
        public static async Task<TemplateDatabase> BuildAsync(DatabaseSeed seed, string server)
        {
            var template = $"traininghub_template_{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed.Key)))[..16]}";
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)");
            var folder = Directory.CreateTempSubdirectory("traininghub-template-").FullName;
            try
            {
                var catalog = await SeedAsync(folder, seed, Settings(server, template));
                // A database with open connections cannot be a template.
                NpgsqlConnection.ClearAllPools();
                OnProcessExit(() => ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)").GetAwaiter().GetResult());
                return new PostgreSqlTemplate(server, template) { Catalog = catalog };
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        public override async Task<DatabaseCopy> CopyAsync(string dataFolder)
        {
            var name = $"traininghub_test_{Guid.NewGuid():N}";
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
            var settings = Settings(server, name);
            settings["Database:MigrateOnStartup"] = "false";
            return Owned(server, name, settings);
        }

        public static async Task<DatabaseCopy> EmptyAsync(string server)
        {
            var name = $"traininghub_empty_{Guid.NewGuid():N}";
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE template0");
            return Owned(server, name, Settings(server, name));
        }

        private static DatabaseCopy Owned(string server, string name, Dictionary<string, string?> settings) => new(settings, async () =>
        {
            // Only this database's idle connections: other tests' pools stay warm.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(settings["Database:ConnectionString"]));
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });

        private static Dictionary<string, string?> Settings(string server, string database) => new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
        };

        private static async Task ExecuteAsync(string server, string sql)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
