using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Infrastructure;
using TrainingHub.Jobs;

namespace TrainingHub.Bench;

/// <summary>
/// N completed enrolments, each with its certificate request in the outbox, issued by Hangfire jobs on an in-memory
/// job server over a real SQLite file: the wall time until every certificate exists, then until every one is emailed
/// (PDF rendered and attached).
/// </summary>
public static class HangfireIssuance
{
    public static async Task RunAsync(int count, int workers)
    {
        var folder = Directory.CreateTempSubdirectory("traininghub-bench-").FullName;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:DataFolder"] = folder,
                ["DemoData:Enabled"] = "true",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddTrainingHubCore(builder.Configuration);
            builder.Services.AddTrainingHubAccountsWithoutSignIn(builder.Configuration);
            builder.Services.AddSingleton<IRequestOrigin, LocalOrigin>();
            builder.Services.AddScoped<DispatchOneJob>();
            builder.Services.AddHangfire(c => c.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings().UseInMemoryStorage());
            builder.Services.AddHangfireServer(o => o.WorkerCount = workers);
            using var host = builder.Build();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(migrate: true, default);
            }
            var requests = await SeedAsync(host.Services, count);
            await host.StartAsync();

            var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
            var wall = Stopwatch.StartNew();
            foreach (var id in requests) jobs.Enqueue<DispatchOneJob>(j => j.RunAsync(id));
            await WaitFor(host.Services, db => db.Certificates.CountAsync(), count);
            var issued = wall.Elapsed;
            // One outbox run handles at most one batch (DispatchOutbox.Command's default), as the minutely recurring job
            // would; start the next run when the previous one has finished, until every certificate email is sent.
            var monitor = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            while (await CountAsync(host.Services, db => db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.CertificateEmail && m.ProcessedAt != null)) < count)
            {
                var run = jobs.Enqueue<OutboxJob>(j => j.RunAsync());
                while (monitor.JobDetails(run).History.FirstOrDefault()?.StateName is not ("Succeeded" or "Failed")) await Task.Delay(100);
            }
            var emailed = wall.Elapsed;
            await host.StopAsync();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} certificates issued through Hangfire ({workers} workers, SQLite, in-memory job storage) in {issued.TotalSeconds:F1} s; " +
                $"all {count} emailed with their PDF after {emailed.TotalSeconds:F1} s"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WaitFor(IServiceProvider services, Func<TrainingHubDb, Task<int>> count, int target)
    {
        while (await CountAsync(services, count) < target) await Task.Delay(200);
    }

    private static async Task<int> CountAsync(IServiceProvider services, Func<TrainingHubDb, Task<int>> count)
    {
        await using var scope = services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<TrainingHubDb>());
    }

    /// <summary>People who completed the MAT course, as the ledger records it, each with the outbox row completion writes.</summary>
    private static async Task<List<Guid>> SeedAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var course = scope.ServiceProvider.GetRequiredService<CourseCatalog>().Find("mat")!;
        var now = DateTime.UtcNow;
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var person = new Person { UserName = $"bench{i}@example.org", NormalizedUserName = $"BENCH{i}@EXAMPLE.ORG", Email = $"bench{i}@example.org",
                NormalizedEmail = $"BENCH{i}@EXAMPLE.ORG", FullName = $"Trainee Number {i}", CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString() };
            db.Users.Add(person);
            var enrollment = new Enrollment { Id = Guid.NewGuid(), PersonId = person.Id, CourseId = course.Id, CourseVersion = course.Version,
                ContentHash = course.ContentHash, Status = EnrollmentStatus.Completed, EnrolledAt = now };
            db.Enrollments.Add(enrollment);
            foreach (var lesson in course.Lessons)
            {
                db.HoursEntries.Add(new HoursEntry { Id = Guid.NewGuid(), PersonId = person.Id, EnrollmentId = enrollment.Id, CourseId = course.Id,
                    CourseVersion = course.Version, LessonId = lesson.Id, Hours = lesson.Hours, Domain = lesson.PrimaryDomain, DomainTags = string.Join(',', lesson.Domains),
                    Delivery = lesson.Delivery == LessonDelivery.Live ? HoursDelivery.InPerson : HoursDelivery.SelfPaced, CompletedOn = new DateOnly(2026, 11, 20),
                    Source = HoursSource.Attendance, Status = HoursStatus.Credited, RecordedAt = now, IdempotencyKey = $"lesson/{enrollment.Id}/{lesson.Id}/1" });
            }
            var request = new OutboxMessage { Id = Guid.NewGuid(), Kind = OutboxKind.CertificateRequest, Key = $"certificate/{enrollment.Id}/{course.Version}",
                Payload = JsonSerializer.Serialize(new { enrollmentId = enrollment.Id, courseVersion = course.Version }), CreatedAt = now };
            db.OutboxMessages.Add(request);
            ids.Add(request.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }
}

/// <summary>One job per outbox row, so the bench measures many workers racing for rows.</summary>
public sealed class DispatchOneJob(Mediator.ISender sender)
{
    public async Task RunAsync(Guid outboxMessageId) => await sender.Send(new TrainingHub.Features.Outbox.DispatchOutbox.Command(MaxMessages: 1, MessageId: outboxMessageId));
}
