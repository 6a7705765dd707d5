using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Features.LearningRecord;

/// <summary>
/// The same services as <see cref="TestHost"/> (real SQLite file, demo sites and people), with a hand-moved clock
/// registered after the application's own, so every handler, the audit trail and the ledger read it.
/// </summary>
public sealed class LearningRecordHost : IAsyncDisposable
{
    /// <summary>Tuesday 12 January 2027, 09:00 in New York: the day after the demo cohort starts.</summary>
    public static readonly DateTimeOffset Start = new(2027, 1, 12, 14, 0, 0, TimeSpan.Zero);

    public const string Trainee = "trainee@demo.traininghub.test";
    public const string TraineeB = "trainee.b@demo.traininghub.test";
    public const string Facilitator = "facilitator@demo.traininghub.test";
    public const string Supervisor = "supervisor@demo.traininghub.test";
    public const string Coordinator = "coordinator@demo.traininghub.test";
    public const string CoordinatorB = "coordinator.b@demo.traininghub.test";
    public const string Admin = "admin@demo.traininghub.test";
    public const string RecoveryCoach = "recovery-coach";

    private readonly ServiceProvider _services;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);

    public string Folder { get; }
    public MutableTimeProvider Clock { get; }
    public CourseCatalog Catalog { get; }

    private LearningRecordHost(string folder, ServiceProvider services, MutableTimeProvider clock)
    {
        Folder = folder;
        _services = services;
        Clock = clock;
        Catalog = services.GetRequiredService<CourseCatalog>();
    }

    public static async Task<LearningRecordHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("traininghub-learning-tests-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["Database:DataFolder"] = folder,
            ["DemoData:Enabled"] = "true",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var clock = new MutableTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(AppContext.BaseDirectory));
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTrainingHubCore(configuration);
        services.AddTrainingHubAccountsWithoutSignIn(configuration);
        services.AddSingleton<IRequestOrigin, LocalOrigin>();
        // After AddTrainingHubCore: the last registration wins.
        services.AddSingleton<TimeProvider>(clock);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var host = new LearningRecordHost(folder, provider, clock);
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None);
        return host;
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

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

    public Task<List<HoursEntry>> HoursOf(string personId) =>
        Db(db => db.HoursEntries.AsNoTracking().Where(h => h.PersonId == personId).ToListAsync());

    public Task<int> AuditCount(string action) => Db(db => db.AuditEvents.CountAsync(a => a.Action == action));

    public Course CourseOf(string id) => Catalog.Find(id) ?? throw new InvalidOperationException($"The content has no course '{id}'.");

    public Lesson SelfPaced(string courseId, int index = 0) =>
        CourseOf(courseId).Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced).ElementAt(index);

    public Lesson Live(string courseId, int index = 0) =>
        CourseOf(courseId).Lessons.Where(l => l.Delivery == LessonDelivery.Live).ElementAt(index);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "TrainingHub.Tests";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
