using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;

namespace TrainingHub.Tests.Features.LearningRecord;

/// <summary>An Error line means an operator must act: a lost race that is retried is not one, a failure nobody handled is.</summary>
public sealed class RaceLoggingTests : IAsyncLifetime
{
    private readonly Log _log = new();
    private readonly FakeTimeProvider _clock = new(LearningRecordHost.Start);
    private TestHost _host = null!;
    private string _terry = "";

    // Each beat saved on its own, the path SQL Server and PostgreSQL take, where a lost race fails SaveChanges.
    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Database:GroupSqliteCommits"] = "false" },
            clock: _clock, configure: s =>
            {
                s.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
                s.AddSingleton<ILoggerProvider>(_log);
            });
        _terry = await _host.IdOf(DemoAccounts.Trainee);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Lesson Lesson => _host.Catalog.Find(LearningRecordHost.RecoveryCoach)!.Lessons.First(l => l.Delivery == LessonDelivery.SelfPaced);

    private Task<RecordHeartbeat.Result> Beat(bool starting = false, Guid? beatId = null) =>
        _host.Send(new RecordHeartbeat.Command(_terry, LearningRecordHost.RecoveryCoach, Lesson.Id, beatId ?? Guid.NewGuid(), _clock.UtcNow, starting, false));

    [Fact]
    public async Task Two_heartbeats_of_the_same_person_racing_log_no_error()
    {
        await Beat(starting: true);
        _clock.Advance(TimeSpan.FromSeconds(20));
        var beatId = Guid.NewGuid();

        // The race, step by step: both requests read before either saves, as two tabs on two servers do; the second loses.
        await using var first = _host.Scope();
        await using var second = _host.Scope();
        var firstStore = first.ServiceProvider.GetRequiredService<SeatTimeStore>();
        var secondStore = second.ServiceProvider.GetRequiredService<SeatTimeStore>();
        var firstRead = await firstStore.ReadAsync(_terry, LearningRecordHost.RecoveryCoach, Lesson.Id, beatId, CancellationToken.None);
        var secondRead = await secondStore.ReadAsync(_terry, LearningRecordHost.RecoveryCoach, Lesson.Id, beatId, CancellationToken.None);
        await firstStore.SaveAsync(NewBeat(beatId), firstRead!, _clock.UtcNow, CancellationToken.None);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => secondStore.SaveAsync(NewBeat(beatId), secondRead!, _clock.UtcNow, CancellationToken.None));
        // What the handler does with the loser: reads again and answers it.
        Assert.Equal(RecordHeartbeat.Outcome.Duplicate, (await Beat(beatId: beatId)).Outcome);

        Assert.True(LostARace(), "no save lost the race");
        Assert.Empty(_log.At(LogLevel.Error));
    }

    private SeatTimeBeat NewBeat(Guid id) => new()
    {
        Id = id, PersonId = _terry, CourseId = LearningRecordHost.RecoveryCoach, LessonId = Lesson.Id,
        ReceivedAt = _clock.UtcNow, Day = DateOnly.FromDateTime(_clock.UtcNow), CreditedSeconds = 20,
    };

    private bool LostARace() => _log.Has(CoreEventId.SaveChangesFailed) || _log.Has(CoreEventId.OptimisticConcurrencyException);

    [Fact]
    public async Task A_failure_nobody_handles_is_still_an_error()
    {
        await Beat(starting: true);
        // A database that refuses every beat, in each provider's own trigger language.
        await _host.Db(db => db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlRawAsync(
                "CREATE FUNCTION refuse_beats() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$ LANGUAGE plpgsql; " +
                "CREATE TRIGGER refuse_beats BEFORE INSERT ON \"SeatTimeBeats\" FOR EACH ROW EXECUTE FUNCTION refuse_beats();")
            : db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER refuse_beats BEFORE INSERT ON SeatTimeBeats BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"));
        _clock.Advance(TimeSpan.FromSeconds(20));

        await Assert.ThrowsAsync<DbUpdateException>(() => Beat());

        Assert.Contains(_log.At(LogLevel.Error), l => l.Contains("RecordHeartbeat", StringComparison.Ordinal) && l.EndsWith("failed", StringComparison.Ordinal));
    }

    private sealed class Log : ILoggerProvider
    {
        private readonly List<(LogLevel Level, EventId Id, string Line)> _lines = [];

        public bool Has(EventId id) { lock (_lines) return _lines.Any(l => l.Id.Id == id.Id); }

        public List<string> At(LogLevel level) { lock (_lines) return _lines.Where(l => l.Level == level).Select(l => l.Line).ToList(); }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(Log log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (log._lines) log._lines.Add((logLevel, eventId, formatter(state, exception)));
            }
        }
    }
}
