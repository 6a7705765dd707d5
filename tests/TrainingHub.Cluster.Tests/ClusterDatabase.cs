using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Cluster.Tests;

/// <summary>
/// One PostgreSQL database of the test's own on the server <c>TRAININGHUB_TEST_CONNECTION</c> reaches, made ready by the
/// application's own start-up (migrations, roles, institute, demo people) and dropped afterwards.
/// </summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    public const string ServerVariable = "TRAININGHUB_TEST_CONNECTION";
    public const string CourseId = "mat";

    private readonly string _server;
    private readonly IHost _host;

    public string Name { get; }

    public string ConnectionString { get; }

    public CourseCatalog Catalog => _host.Services.GetRequiredService<CourseCatalog>();

    private ClusterDatabase(string server, string name, string connectionString, IHost host) =>
        (_server, Name, ConnectionString, _host) = (server, name, connectionString, host);

    /// <summary>The admin connection string, or a failure that says how to give one: this test never skips.</summary>
    public static string Server() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. The two-node test needs a PostgreSQL server and an account that may create databases, for example " +
                $"{ServerVariable}='Host=127.0.0.1;Port=5432;Username=postgres;Password=…'. tests/TrainingHub.Cluster.Tests/run.sh starts a throwaway server and sets it.");

    public static async Task<ClusterDatabase> CreateAsync(string webProjectFolder, string scratchFolder)
    {
        var server = Server();
        var name = $"traininghub_cluster_{Guid.NewGuid():N}"[..40];
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = webProjectFolder,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = connection,
            ["Database:DataFolder"] = scratchFolder,
            ["DemoData:Enabled"] = "true",
            ["DataProtection:AllowUnprotectedKeys"] = "true",
            // The deploy step: servers do not migrate a PostgreSQL database on their own (Database:MigrateOnStartup).
            ["Database:MigrateOnStartup"] = "true",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // On a new database EF Core reads the migrations history before the table exists, and logs that failure as an error.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.Services.AddTrainingHubCore(builder.Configuration);
        builder.Services.AddTrainingHubAccountsWithoutSignIn(builder.Configuration);
        builder.Services.AddSingleton<IRequestOrigin, LocalOrigin>();
        var host = builder.Build();
        var database = new ClusterDatabase(server, name, connection, host);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Gives each person (new trainees of site A, or the demo trainee) an enrolment in the MAT course with every lesson
    /// credited and every module quiz but the last passed, as the ledger would hold them: the last quiz completes the course.
    /// </summary>
    public async Task<IReadOnlyList<string>> SeedOneQuizFromCompletionAsync(IReadOnlyList<string> newTraineeEmails, IReadOnlyList<string> existingEmails,
        string password)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var course = Catalog.Find(CourseId)!;
        var quizModules = course.Modules.Where(m => m.Quiz is not null).ToList();
        var traineeRole = await db.Roles.Where(r => r.Name == Roles.Trainee).Select(r => r.Id).SingleAsync();
        var hash = new PasswordHasher<Person>().HashPassword(new Person(), password);
        var now = DateTime.UtcNow;
        var ids = new List<string>();
        foreach (var (email, i) in newTraineeEmails.Select((e, i) => (e, i)))
        {
            var person = new Person
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true, FullName = $"Cluster Trainee {i}", CreatedAt = now,
            };
            db.Users.Add(person);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = person.Id, RoleId = traineeRole });
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteA, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = now });
            ids.Add(person.Id);
        }
        foreach (var email in existingEmails)
        {
            ids.Add(await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        }
        foreach (var personId in ids)
        {
            var enrollment = new Enrollment
            {
                Id = Guid.NewGuid(), PersonId = personId, CourseId = course.Id, CourseVersion = course.Version, ContentHash = course.ContentHash,
                Status = EnrollmentStatus.Active, EnrolledAt = now,
            };
            db.Enrollments.Add(enrollment);
            foreach (var lesson in course.Lessons)
            {
                db.HoursEntries.Add(new HoursEntry
                {
                    Id = Guid.NewGuid(), PersonId = personId, EnrollmentId = enrollment.Id, CourseId = course.Id, CourseVersion = course.Version,
                    LessonId = lesson.Id, Hours = lesson.Hours, Domain = lesson.PrimaryDomain, DomainTags = string.Join(',', lesson.Domains),
                    Delivery = lesson.Delivery == LessonDelivery.Live ? HoursDelivery.InPerson : HoursDelivery.SelfPaced,
                    CompletedOn = DateOnly.FromDateTime(now), Source = lesson.Delivery == LessonDelivery.Live ? HoursSource.Attendance : HoursSource.SeatTime,
                    Status = HoursStatus.Credited, RecordedAt = now, IdempotencyKey = $"lesson/{enrollment.Id}/{lesson.Id}/1",
                });
            }
            foreach (var module in quizModules.SkipLast(1))
            {
                var attemptId = Guid.NewGuid();
                db.QuizAttempts.Add(new QuizAttempt
                {
                    Id = attemptId, PersonId = personId, CourseId = course.Id, ModuleId = module.Id, OpenKey = attemptId.ToString("N"), Number = 1,
                    Layout = "[]", Answers = "{}", StartedAt = now.AddMinutes(-20), SubmittedAt = now.AddMinutes(-10), ScorePercent = 100, Passed = true,
                    PassMark = module.Quiz!.PassMark, ContentHash = course.ContentHash,
                });
            }
        }
        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>Reads the database in a scope of its own.</summary>
    public async Task<T> Read<T>(Func<TrainingHubDb, Task<T>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TrainingHubDb>());
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
