using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Quizzes;
using TrainingHub.Features.Xapi;
using TrainingHub.Testing;
using TrainingHub.Web.Tests.Infrastructure;

namespace TrainingHub.Web.Tests.Xapi;

/// <summary>
/// xAPI statements for the ledger's events: built in the event's own save, sent through the outbox to a real HTTP
/// receiver (Kestrel in the test) that checks the xAPI version header and the Basic credentials, each once.
/// </summary>
public sealed class XapiStatementTests : IAsyncLifetime
{
    private WebApplication _lrs = null!;
    private string _endpoint = "";
    private readonly ConcurrentDictionary<Guid, JsonObject> _stored = new();
    private readonly ConcurrentBag<Guid> _puts = [];
    private readonly ConcurrentBag<string> _refusals = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _lrs = builder.Build();
        _lrs.MapPut("/xapi/statements", async (HttpContext http) =>
        {
            if (http.Request.Headers["X-Experience-API-Version"] != "1.0.3") { _refusals.Add("version"); return Results.BadRequest("X-Experience-API-Version 1.0.3 is required"); }
            if (http.Request.Headers.Authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("lrs-key:lrs-secret"))) { _refusals.Add("auth"); return Results.Unauthorized(); }
            var id = Guid.Parse(http.Request.Query["statementId"]!);
            var statement = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
            if ((string)statement["id"]! != id.ToString()) return Results.BadRequest("statementId differs from the statement's id");
            _puts.Add(id);
            _stored.TryAdd(id, statement);
            return Results.NoContent();
        });
        await _lrs.StartAsync();
        _endpoint = _lrs.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/xapi/";
    }

    public async Task DisposeAsync() => await _lrs.DisposeAsync();

    private Task<TestHost> Host(string secret = "lrs-secret") => TestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Xapi:Endpoint"] = _endpoint, ["Xapi:Key"] = "lrs-key", ["Xapi:Secret"] = secret,
    });

    /// <summary>Completes the MAT course as the site does: lessons credited, every quiz passed (one failed first).</summary>
    private static async Task CompleteMat(TestHost host, string email)
    {
        await using var scope = host.Scope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<TrainingHubDb>();
        var sender = sp.GetRequiredService<ISender>();
        var person = await db.Users.SingleAsync(u => u.Email == email);
        await sender.Send(new Enroll.Command(person.Id, "mat"));
        var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == person.Id && e.CourseId == "mat");
        var course = sp.GetRequiredService<CourseCatalog>().Find("mat")!;
        foreach (var lesson in course.Lessons)
        {
            await sp.GetRequiredService<HoursLedger>().CreditLessonAsync(enrollment, lesson, lesson.Hours,
                lesson.Delivery == LessonDelivery.Live ? HoursDelivery.InPerson : HoursDelivery.SelfPaced,
                lesson.Delivery == LessonDelivery.Live ? HoursSource.Attendance : HoursSource.SeatTime, new DateOnly(2026, 11, 20), null, null, default);
        }
        await db.SaveChangesAsync();
        var firstModule = true;
        foreach (var module in course.Modules)
        {
            if (firstModule)
            {
                var wrong = await sender.Send(new StartQuizAttempt.Command(person.Id, "mat", module.Id));
                await sender.Send(new SubmitQuizAttempt.Command(person.Id, wrong.AttemptId!.Value, QuizPapers.Wrong(wrong, module.Quiz!)));
                firstModule = false;
            }
            var attempt = await sender.Send(new StartQuizAttempt.Command(person.Id, "mat", module.Id));
            await sender.Send(new SubmitQuizAttempt.Command(person.Id, attempt.AttemptId!.Value, QuizPapers.Right(attempt, module.Quiz!)));
        }
    }

    private static async Task<List<OutboxMessage>> XapiRows(TestHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().OutboxMessages.AsNoTracking().Where(m => m.Kind == OutboxKind.XapiStatement).ToListAsync();
    }

    private static async Task DispatchAll(TestHost host, int workers = 1)
    {
        for (var round = 0; round < 4; round++)   // certificates are issued by one pass and their statements sent by the next
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
            {
                await using var scope = host.Scope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchOutbox.Command());
            }));
        }
    }

    [Fact]
    public async Task Off_by_default_nothing_is_queued()
    {
        await using var host = await TestHost.StartAsync();
        await CompleteMat(host, DemoAccounts.TraineeB);
        await DispatchAll(host);
        Assert.Empty(await XapiRows(host));
        Assert.Empty(_puts);
    }

    [Fact]
    public async Task Each_event_becomes_one_valid_statement_sent_with_the_xapi_headers_and_two_racing_workers_send_each_once()
    {
        await using var host = await Host();
        await CompleteMat(host, DemoAccounts.TraineeB);
        await DispatchAll(host, workers: 2);

        var rows = await XapiRows(host);
        Assert.All(rows, r => Assert.NotNull(r.ProcessedAt));
        Assert.Equal(rows.Count, _stored.Count);
        Assert.Equal(_puts.Count, _puts.Distinct().Count());                                // each statement sent once, though two workers raced
        Assert.Empty(_refusals);
        var verbs = _stored.Values.Select(s => (string)s["verb"]!["id"]!).ToList();
        var course = host.Catalog.Find("mat")!;
        Assert.Equal(course.Lessons.Count(), verbs.Count(v => v is XapiStatements.Attended or XapiStatements.Completed));
        Assert.Contains(XapiStatements.Attended, verbs);
        Assert.Contains(XapiStatements.Completed, verbs);
        Assert.Single(verbs, XapiStatements.Failed);
        Assert.Equal(course.Modules.Count, verbs.Count(v => v == XapiStatements.Passed));
        Assert.Single(verbs, XapiStatements.Earned);
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        Assert.All(_stored.Values, s => Assert.Equal(lena, (string)s["actor"]!["account"]!["name"]!));
        Assert.DoesNotContain(DemoAccounts.TraineeB, string.Join("\n", _stored.Values.Select(s => s.ToJsonString())), StringComparison.OrdinalIgnoreCase);

        // Learning Locker's validator, from npm, on every statement the LRS received.
        var report = Verifiers.Run("xapi", new JsonArray(_stored.Values.Select(s => (JsonNode)s.DeepClone()).ToArray()).ToJsonString());
        var results = report["results"]!.AsArray();
        Assert.Equal(_stored.Count, results.Count);
        Assert.All(results, r => Assert.True((bool)r!["valid"]!, r!.ToJsonString()));
    }

    [Fact]
    public async Task Wrong_credentials_leave_the_statement_queued_for_a_retry_and_the_id_never_changes()
    {
        await using var host = await Host(secret: "wrong");
        await CompleteMat(host, DemoAccounts.TraineeB);
        var before = (await XapiRows(host)).ToDictionary(r => r.Id, r => r.Key);
        Assert.NotEmpty(before);
        await DispatchAll(host);
        var after = await XapiRows(host);
        Assert.Contains("auth", _refusals);
        Assert.Empty(_stored);
        Assert.All(after.Where(r => before.ContainsKey(r.Id)), r =>
        {
            Assert.Null(r.ProcessedAt);
            Assert.True(r.Attempts > 0);
            Assert.Contains("401", r.LastError, StringComparison.Ordinal);
            Assert.Equal(before[r.Id], r.Key);
        });
    }

    [Fact]
    public void The_statement_id_is_derived_from_the_event_so_building_it_again_gives_the_same_id()
    {
        Assert.Equal(XapiStatements.IdOf("quiz/1"), XapiStatements.IdOf("quiz/1"));
        Assert.NotEqual(XapiStatements.IdOf("quiz/1"), XapiStatements.IdOf("quiz/2"));
        Assert.Equal('5', XapiStatements.IdOf("quiz/1").ToString()[14]);
    }
}
