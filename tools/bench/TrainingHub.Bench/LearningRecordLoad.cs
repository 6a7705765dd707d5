using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Infrastructure;
using TrainingHub.Testing;

namespace TrainingHub.Bench;

/// <summary>
/// Preparation for tools/bench/learning-record.sh, which loads a running site with wrk. Nothing here is measured:
/// <list type="bullet">
/// <item><c>--learning-record-seed</c> writes N trainees, each enrolled in the Recovery Coach course, into a fresh
/// database (a SQLite data folder, or a PostgreSQL database the deploy step migrated) before the site starts (the password is hashed once and the hash shared: the site still checks
/// it at sign-in).</item>
/// <item><c>--learning-record-sessions</c> signs each of them in through the running site's own sign-in page, reads the
/// antiforgery token from a self-paced lesson page (the page that sends heartbeats), opens quiz attempts through the
/// quiz page and fills each one in, and writes the sessions as Lua tables for the wrk scripts in tools/bench/wrk/.</item>
/// </list>
/// </summary>
public static partial class LearningRecordLoad
{
    public const string CourseId = "recovery-coach";
    public const string EmailDomain = "bench.traininghub.test";
    public const string Password = "Recovery-Bench-2026";

    /// <param name="provider">Sqlite (<paramref name="target"/> is the data folder) or PostgreSql (a connection string to a
    /// database already migrated by <c>TrainingHub.Cli migrate</c>, the deploy step).</param>
    public static async Task SeedAsync(string provider, string target, int count, Func<IServiceProvider, Task>? then = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            [provider == "Sqlite" ? "Database:DataFolder" : "Database:ConnectionString"] = target,
            ["DemoData:Enabled"] = "true",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTrainingHubCore(builder.Configuration);
        builder.Services.AddTrainingHubAccountsWithoutSignIn(builder.Configuration);
        builder.Services.AddSingleton<IRequestOrigin, LocalOrigin>();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<DatabaseStartup>().PrepareAsync(migrate: true, default);

        var db = sp.GetRequiredService<TrainingHubDb>();
        var course = sp.GetRequiredService<CourseCatalog>().Find(CourseId)!;
        var traineeRole = await db.Roles.Where(r => r.Name == Roles.Trainee).Select(r => r.Id).SingleAsync();
        var hash = new PasswordHasher<Person>().HashPassword(new Person(), Password);
        var now = DateTime.UtcNow;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < count; i++)
        {
            var email = Email(i);
            var person = new Person
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true, FullName = $"Bench Learner {i}", CreatedAt = now,
            };
            db.Users.Add(person);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = person.Id, RoleId = traineeRole });
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteA, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = now });
            db.Enrollments.Add(new Enrollment
            {
                Id = Guid.NewGuid(), PersonId = person.Id, CourseId = course.Id, CourseVersion = course.Version, ContentHash = course.ContentHash,
                Status = EnrollmentStatus.Active, EnrolledAt = now,
            });
            if ((i + 1) % 500 == 0 || i == count - 1)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        if (then is not null) await then(sp);
        Console.WriteLine($"Seeded {count} trainees enrolled in {course.Id} ({provider})");
    }

    public static string Email(int i) => string.Create(CultureInfo.InvariantCulture, $"learner{i}@{EmailDomain}");

    /// <param name="people">Trainees to sign in (learner0 … learner{people-1}); each gets one heartbeat session.</param>
    /// <param name="quizAttempts">Quiz attempts to open and fill in, spread over the people and the course's quizzes.</param>
    public static async Task SessionsAsync(string baseUrl, int people, int quizAttempts, string outFolder)
    {
        var catalog = CatalogLoader.LoadOrThrow(DataPaths.FindContentFolder(Directory.GetCurrentDirectory()));
        var course = catalog.Find(CourseId)!;
        var lessons = course.Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced).ToList();
        var quizModules = course.Modules.Where(m => m.Quiz is not null).ToList();
        if (quizAttempts > people * quizModules.Count)
        {
            throw new InvalidOperationException($"{quizAttempts} attempts need more than {people} people × {quizModules.Count} quizzes (one open attempt per person and quiz).");
        }

        var beats = new string[people];
        var attempts = new string[quizAttempts];
        var started = DateTime.UtcNow;
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var cookies = new CookieContainer();
            using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
            var signInPage = await client.GetStringAsync("/account/sign-in", ct);
            using var signIn = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = Email(i), ["Input.Password"] = Password, ["__RequestVerificationToken"] = Token(signInPage),
            }), ct);
            if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {Email(i)} answered {(int)signIn.StatusCode}");

            var lessonPath = $"/courses/{CourseId}/lessons/{lessons[i % lessons.Count].Id}";
            var lessonPage = await client.GetStringAsync(lessonPath, ct);
            beats[i] = Lua(("cookie", Cookie(cookies, client.BaseAddress!)), ("token", Token(lessonPage)), ("path", lessonPath + "?handler=Heartbeat"));

            // Attempt j belongs to person j % people and to quiz j / people, so the first attempts spread over everyone.
            for (var j = i; j < quizAttempts; j += people)
            {
                var module = quizModules[j / people];
                var quizPath = $"/courses/{CourseId}/modules/{module.Id}/quiz";
                var page = await client.GetStringAsync(quizPath, ct);
                var attemptId = AttemptField().Match(page).Groups[1].Value;
                if (attemptId.Length == 0) throw new InvalidOperationException($"{Email(i)} got no open attempt at {quizPath}");
                var body = new StringBuilder();
                Field(body, "attemptId", attemptId);
                // Half the attempts answer every question right (a pass runs the completion check), half pick the first option
                // shown. The options are read by their words, as a person would: a value is a place on this attempt's shuffled paper.
                var right = j % 2 == 0;
                foreach (var question in AnswerFields().Matches(page).Select(m => m.Groups[1].Value).Distinct())
                {
                    var q = module.Quiz!.Questions.Single(x => x.Id == question);
                    var chosen = right
                        ? QuizPapers.RightValuesOnPage(page, q)
                        : [Regex.Match(page, $"name=\"answers\\[{Regex.Escape(question)}\\]\" value=\"(\\d+)\"").Groups[1].Value];
                    foreach (var value in chosen) Field(body, $"answers[{question}]", value);
                }
                Field(body, "__RequestVerificationToken", Token(page));
                attempts[j] = Lua(("cookie", Cookie(cookies, client.BaseAddress!)), ("path", quizPath), ("body", body.ToString()));
            }
            var n2 = Interlocked.Increment(ref done);
            if (n2 % 500 == 0) Console.WriteLine($"  {n2} people signed in ({(DateTime.UtcNow - started).TotalSeconds:F0} s)");
        });

        Directory.CreateDirectory(outFolder);
        await File.WriteAllTextAsync(Path.Combine(outFolder, "heartbeat-sessions.lua"), "return {\n" + string.Join(",\n", beats) + "\n}\n");
        await File.WriteAllTextAsync(Path.Combine(outFolder, "quiz-attempts.lua"), "return {\n" + string.Join(",\n", attempts) + "\n}\n");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Signed in {people} trainees and opened {quizAttempts} quiz attempts in {(DateTime.UtcNow - started).TotalSeconds:F0} s; sessions in {outFolder}"));
    }

    private static string Token(string html)
    {
        var match = AntiforgeryField().Match(html);
        if (!match.Success) throw new InvalidOperationException("The page has no antiforgery field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static string Cookie(CookieContainer cookies, Uri site) => cookies.GetCookieHeader(site);

    private static void Field(StringBuilder body, string name, string value)
    {
        if (body.Length > 0) body.Append('&');
        body.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static string Lua(params (string Key, string Value)[] fields) =>
        "{" + string.Join(", ", fields.Select(f => $"{f.Key} = \"{f.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"")) + "}";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"attemptId\" value=\"([^\"]+)\"")]
    private static partial Regex AttemptField();

    [GeneratedRegex("name=\"answers\\[([^\\]]+)\\]\"")]
    private static partial Regex AnswerFields();
}

/// <summary>The heartbeat handler alone, in process, one beat after another: CPU per beat without HTTP, sign-in or antiforgery.</summary>
public static class HeartbeatHandlerCpu
{
    public static async Task RunAsync(int people, int beats)
    {
        var folder = Directory.CreateTempSubdirectory("traininghub-bench-").FullName;
        try
        {
            await LearningRecordLoad.SeedAsync("Sqlite", folder, people);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataFolder"] = folder });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddTrainingHubCore(builder.Configuration);
            builder.Services.AddTrainingHubAccountsWithoutSignIn(builder.Configuration);
            builder.Services.AddSingleton<IRequestOrigin, LocalOrigin>();
            using var host = builder.Build();
            List<string> ids;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                ids = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Enrollments.Select(e => e.PersonId).ToListAsync();
            }
            var course = host.Services.GetRequiredService<CourseCatalog>().Find(LearningRecordLoad.CourseId)!;
            var lessons = course.Lessons.Where(l => l.Delivery == LessonDelivery.SelfPaced).Select(l => l.Id).ToList();
            async Task Beat(int i)
            {
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new Features.LearningRecord.RecordHeartbeat.Command(
                    ids[i % ids.Count], course.Id, lessons[i % ids.Count % lessons.Count], Guid.NewGuid(), DateTime.UtcNow, false, false));
            }
            for (var i = 0; i < Math.Min(beats, 2000); i++) await Beat(i);
            GC.Collect();
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var wall = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < beats; i++) await Beat(i);
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{beats} heartbeats through the handler ({people} people): {(process.TotalProcessorTime - cpu).TotalMilliseconds / beats:F3} ms CPU and {wall.Elapsed.TotalMilliseconds / beats:F3} ms wall each"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
