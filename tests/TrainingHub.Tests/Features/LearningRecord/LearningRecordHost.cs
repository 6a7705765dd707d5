using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Features.LearningRecord;

/// <summary>
/// A <see cref="TestHost"/> (its own copy of the seeded template database) whose clock the test moves by hand and which
/// every handler, the audit trail and the ledger read, with the learning record's helpers.
/// </summary>
public sealed class LearningRecordHost : IAsyncDisposable
{
    /// <summary>Tuesday 12 January 2027, 09:00 in New York: the day after the demo cohort starts.</summary>
    public static readonly DateTimeOffset Start = new(2027, 1, 12, 14, 0, 0, TimeSpan.Zero);

    public const string RecoveryCoach = "recovery-coach";

    private readonly TestHost _host;

    private LearningRecordHost(TestHost host, FakeTimeProvider clock)
    {
        _host = host;
        Clock = clock;
    }

    public string Folder => _host.Folder;
    public FakeTimeProvider Clock { get; }
    public CourseCatalog Catalog => _host.Catalog;

    public static async Task<LearningRecordHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(Start);
        return new LearningRecordHost(await TestHost.StartAsync(settings: settings, clock: clock), clock);
    }

    /// <summary>Shorter beats and a 30-minute credited hour keep seat time quick to simulate; the rules are the same.</summary>
    public static Task<LearningRecordHost> StartQuickAsync() => StartAsync(new Dictionary<string, string?>
    {
        ["LearningRecord:HeartbeatSeconds"] = "30",
        ["LearningRecord:HeartbeatSlackSeconds"] = "30",
        ["LearningRecord:MinutesPerCreditedHour"] = "30",
    });

    public AsyncServiceScope Scope() => _host.Scope();

    public Task<TResponse> Send<TResponse>(ICommand<TResponse> command) => _host.Send(command);

    public Task<TResponse> Send<TResponse>(IQuery<TResponse> query) => _host.Send(query);

    /// <summary>Reads (or writes) the database in a scope of its own.</summary>
    public Task<T> Db<T>(Func<TrainingHubDb, Task<T>> work) => _host.Db(work);

    public Task<string> IdOf(string email) => _host.IdOf(email);

    public Task<List<HoursEntry>> HoursOf(string personId) =>
        Db(db => db.HoursEntries.AsNoTracking().Where(h => h.PersonId == personId).ToListAsync());

    /// <summary>
    /// Moves the clock to a minute after the session starts, never back: attendance for a session that has not started
    /// is refused, so a test that takes it moves time on as a facilitator would wait for the day.
    /// </summary>
    public async Task ReachStartOfAsync(Guid sessionId)
    {
        var startsAt = await Db(db => db.LiveSessions.Where(s => s.Id == sessionId).Select(s => s.StartsAt).SingleAsync());
        var at = new DateTimeOffset(startsAt.AddMinutes(1), TimeSpan.Zero);
        if (Clock.GetUtcNow() < at) Clock.SetUtcNow(at);
    }

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
        var o = _host.Service<IOptions<LearningRecordOptions>>().Value;
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

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
