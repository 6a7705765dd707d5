using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrainingHub.Content;
using TrainingHub.Data;

namespace TrainingHub.Testing;

/// <summary>
/// The application's own services on a database of the test's own in a fresh temporary folder: a copy of a template
/// migrated (and, unless told otherwise, seeded with the demo sites and people) once per test run. The courses are always
/// the shipped ones the template was seeded with; a <c>Content:Path</c> setting changes only the rules and guides read beside them.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DatabaseCopy _database;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);

    public string Folder { get; }

    /// <summary>The clock the test moves, when it started the host with one.</summary>
    public FakeTimeProvider? Clock { get; }

    public CourseCatalog Catalog => _services.GetRequiredService<CourseCatalog>();

    private TestHost(string folder, ServiceProvider services, DatabaseCopy database, FakeTimeProvider? clock)
    {
        Folder = folder;
        _services = services;
        _database = database;
        Clock = clock;
    }

    /// <param name="clock">Every handler, the audit trail and the ledger read it; the template is seeded at its time.</param>
    public static async Task<TestHost> StartAsync(bool demoData = true, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null, FakeTimeProvider? clock = null)
    {
        var template = await TemplateDatabase.For(new DatabaseSeed(demoData, clock?.GetUtcNow()));
        var folder = Directory.CreateTempSubdirectory("traininghub-tests-").FullName;
        DatabaseCopy? database = null;
        TestHost? host = null;
        try
        {
            database = await template.CopyAsync(folder);
            var values = new Dictionary<string, string?> { ["DemoData:Enabled"] = demoData ? "true" : "false" };
            foreach (var (key, value) in database.Settings) values[key] = value;
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
            host = new TestHost(folder, ApplicationServices.Build(folder, values, clock, template.Catalog, configure), database, clock);
            await using var scope = host.Scope();
            await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None);
            return host;
        }
        catch
        {
            if (host is not null) await host.DisposeAsync();
            else if (database is not null) await database.DisposeAsync();
            throw;
        }
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    public async Task<TResponse> Send<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async Task<TResponse> Send<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    /// <summary>Reads (or writes) the database in a scope of its own.</summary>
    public async Task<T> Db<T>(Func<TrainingHubDb, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<TrainingHubDb>());
    }

    public async Task<string> IdOf(string email)
    {
        if (_ids.TryGetValue(email, out var known)) return known;
        var id = await Db(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        _ids[email] = id;
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await _database.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
