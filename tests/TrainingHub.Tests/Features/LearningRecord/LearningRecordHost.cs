using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Features.LearningRecord;

/// <summary>
/// The same services as <see cref="TestHost"/> (real SQLite file, demo sites and people), with a hand-moved clock
/// registered after the application's own, so every handler, the audit trail and the ledger read it. Each host gets
/// its own copy of a database migrated and seeded once per test run.
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
        var template = await Template.Value;
        var folder = Directory.CreateTempSubdirectory("traininghub-learning-tests-").FullName;
        // A copy of a database already migrated and filled with the demo data: start-up then only checks it.
        File.Copy(template.DatabaseFile, Path.Combine(folder, DatabaseFileName));
        var clock = new MutableTimeProvider(Start);
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            // The copy is already at the latest migration: skip comparing the model with the migrations again.
            ["Database:MigrateOnStartup"] = "false",
        };
        var host = new LearningRecordHost(folder, Build(folder, clock, template.Catalog, values), clock);
        try
        {
            await using var scope = host.Scope();
            await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private const string DatabaseFileName = "traininghub.db";

    private sealed record TemplateDatabase(string DatabaseFile, CourseCatalog Catalog);

    /// <summary>Built once per test run: migrating and hashing the demo passwords is most of a host's start-up.</summary>
    private static readonly Lazy<Task<TemplateDatabase>> Template = new(async () =>
    {
        var folder = Directory.CreateTempSubdirectory("traininghub-learning-template-").FullName;
        void Delete()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
        try
        {
            CourseCatalog catalog;
            await using (var provider = Build(folder, new MutableTimeProvider(Start), null, null))
            {
                await using var scope = provider.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None);
                var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
                catalog = provider.GetRequiredService<CourseCatalog>();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete();
            return new TemplateDatabase(Path.Combine(folder, DatabaseFileName), catalog);
        }
        catch
        {
            Delete();
            throw;
        }
    });

    private static ServiceProvider Build(string folder, MutableTimeProvider clock, CourseCatalog? catalog, IDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:DataFolder"] = folder,
            ["DemoData:Enabled"] = "true",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(AppContext.BaseDirectory));
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTrainingHubCore(configuration);
        services.AddTrainingHubAccountsWithoutSignIn(configuration);
        services.AddSingleton<IRequestOrigin, LocalOrigin>();
        // After AddTrainingHubCore: the last registration wins.
        services.AddSingleton<TimeProvider>(clock);
        // The catalog is immutable: load the content once per run.
        if (catalog is not null) services.AddSingleton(catalog);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
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

    /// <summary>
    /// Reads a self-paced lesson to completion the way a page does: a starting beat, then a beat every
    /// beat + slack seconds, reaching the end on the last one. Returns the last beat's result.
    /// </summary>
    public async Task<RecordHeartbeat.Result> ReadToCompletionAsync(string personId, Lesson lesson)
    {
        var o = _services.GetRequiredService<IOptions<LearningRecordOptions>>().Value;
        var step = o.HeartbeatSeconds + o.HeartbeatSlackSeconds;
        var required = SeatTimeRules.RequiredSeconds(lesson.Hours, o.MinutesPerCreditedHour);
        await Send(new RecordHeartbeat.Command(personId, lesson.CourseId, lesson.Id, Guid.NewGuid(), Clock.UtcNow, true, false));
        RecordHeartbeat.Result last;
        var active = 0;
        do
        {
            Clock.AdvanceSeconds(step);
            active += step;
            last = await Send(new RecordHeartbeat.Command(personId, lesson.CourseId, lesson.Id, Guid.NewGuid(), Clock.UtcNow, false, active >= required));
        }
        while (active < required);
        return last;
    }

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
