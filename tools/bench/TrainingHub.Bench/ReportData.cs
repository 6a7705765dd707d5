using System.Diagnostics;
using System.Globalization;
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
using TrainingHub.Features.Quizzes;
using TrainingHub.Infrastructure;

namespace TrainingHub.Bench;

/// <summary>
/// Data for tools/bench/reports.sh: the demo institute (its accounts sign in to read the reports) plus N trainees across
/// 20 sites with about R hours-ledger rows, attendance and quiz attempts, written into the migrated database of either
/// provider. Rows are the ones the app writes: enrolments in the catalog's courses, lessons credited in order (in
/// parts, as partial attendance does), ethics hours pending until a sign-off restates them as credited, reversals
/// with a fresh credit after them, and the app's idempotency keys. One in twenty trainees belongs to two sites.
/// </summary>
public static class ReportData
{
    public const int SiteCount = 20;

    public static async Task SeedAsync(string provider, string target, int trainees, long hoursRows)
    {
        var clock = Stopwatch.StartNew();
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
        var catalog = sp.GetRequiredService<CourseCatalog>();
        var ledger = sp.GetRequiredService<HoursLedger>();
        var random = new Random(2027);
        var now = DateTime.UtcNow;
        var institute = await db.Institutes.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        var facilitator = await db.Users.Where(u => u.Email == $"facilitator@{DemoData.Domain}").Select(u => u.Id).SingleAsync();
        var supervisor = await db.Users.Where(u => u.Email == $"supervisor@{DemoData.Domain}").Select(u => u.Id).SingleAsync();
        var traineeRole = await db.Roles.Where(r => r.Name == Roles.Trainee).Select(r => r.Id).SingleAsync();

        var sites = await db.Sites.Where(s => s.Status == SiteStatus.Active).OrderBy(s => s.Name).Select(s => s.Id).ToListAsync();
        for (var i = sites.Count; i < SiteCount; i++)
        {
            var site = new Site { Id = Guid.NewGuid(), InstituteId = institute, Name = $"Bench Recovery Site {i + 1:00}", State = "NY", Status = SiteStatus.Active, CreatedAt = now };
            db.Sites.Add(site);
            sites.Add(site.Id);
        }
        var course = catalog.Find("recovery-coach")!;
        var cohorts = sites.ToDictionary(s => s, s => new Cohort
        {
            Id = Guid.NewGuid(), SiteId = s, CourseId = course.Id, Name = "Bench Recovery Coach cohort", StartsOn = new DateOnly(2027, 1, 11),
            DeliveryMode = DeliveryMode.InPerson, Capacity = 1000, FacilitatorId = facilitator, CreatedAt = now,
        });
        db.Cohorts.AddRange(cohorts.Values);
        // One session per live lesson per site's cohort: the attendance of the site's trainees credits those lessons.
        var sessions = cohorts.Values.SelectMany(c => course.Lessons.Where(l => l.Delivery == LessonDelivery.Live).Select(l => new LiveSession
        {
            Id = Guid.NewGuid(), CohortId = c.Id, CourseId = course.Id, LessonId = l.Id, StartsAt = now.AddDays(-30), DurationMinutes = (int)(l.Hours * 60),
            Place = "Community room", ScheduledById = facilitator, CreatedAt = now,
        })).ToList();
        db.LiveSessions.AddRange(sessions);
        await db.SaveChangesAsync();
        var sessionOf = sessions.ToDictionary(s => (s.CohortId, s.LessonId));

        var hash = new PasswordHasher<Person>().HashPassword(new Person(), "Recovery-Bench-2026");
        var people = new BulkInsert<Person>(db);
        var roles = new BulkInsert<IdentityUserRole<string>>(db);
        var memberships = new BulkInsert<SiteMembership>(db);
        var enrollments = new BulkInsert<Enrollment>(db);
        var hours = new BulkInsert<HoursEntry>(db);
        var attendance = new BulkInsert<AttendanceRecord>(db);
        var attempts = new BulkInsert<QuizAttempt>(db);
        IBulkInsert[] inserters = [people, roles, memberships, enrollments, hours, attendance, attempts];

        await db.Database.OpenConnectionAsync();
        var transaction = await db.Database.GetDbConnection().BeginTransactionAsync();
        void Use(System.Data.Common.DbTransaction t)
        {
            foreach (var inserter in inserters) inserter.Transaction = t;
        }
        Use(transaction);
        var courses = new[] { course, catalog.Find("ethics")!, catalog.Find("mat")! };
        var carried = 0L;
        for (var i = 0; i < trainees; i++)
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"trainee{i}@reports.bench.traininghub.test");
            var person = new Person
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true, FullName = $"Bench Trainee {i}", CreatedAt = now,
            };
            people.Add(person);
            roles.Add(new IdentityUserRole<string> { UserId = person.Id, RoleId = traineeRole });
            var site = sites[i % sites.Count];
            memberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = site, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = now });
            if (i % 20 == 7)
            {
                memberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = sites[(i + 1) % sites.Count], PersonId = person.Id, Role = Roles.Trainee, CreatedAt = now });
            }

            // This trainee's share of the ledger rows, spread over the lessons they reached.
            var quota = (int)(hoursRows / trainees + (i < hoursRows % trainees ? 1 : 0) + carried);
            var reached = new List<(Enrollment Enrollment, Lesson Lesson)>();
            foreach (var c in courses)
            {
                if (c != course && random.NextDouble() > (c.Id == "ethics" ? 0.6 : 0.5)) continue;
                var roll = random.NextDouble();
                var status = roll < 0.3 ? EnrollmentStatus.Completed : roll < 0.4 ? EnrollmentStatus.Withdrawn : EnrollmentStatus.Active;
                var enrollment = new Enrollment
                {
                    Id = Guid.NewGuid(), PersonId = person.Id, CourseId = c.Id, CourseVersion = c.Version, ContentHash = c.ContentHash,
                    CohortId = c == course ? cohorts[site].Id : null, Status = status, EnrolledAt = now.AddDays(-60),
                };
                enrollments.Add(enrollment);
                var lessons = c.Lessons.ToList();
                var furthest = status == EnrollmentStatus.Completed ? lessons.Count : random.Next(0, lessons.Count + 1);
                reached.AddRange(lessons.Take(furthest).Select(l => (enrollment, l)));
                foreach (var module in c.Modules.Where(m => m.Quiz is not null && m.Lessons.All(l => lessons.IndexOf(l) < furthest)))
                {
                    attempts.Add(SubmittedAttempt(person.Id, c, module, random, now));
                }
            }

            var rows = new List<HoursEntry>();
            var parts = reached.Count == 0 ? 0 : Math.Max(1, quota / reached.Count);
            foreach (var (enrollment, lesson) in reached)
            {
                var session = lesson.Delivery == LessonDelivery.Live && enrollment.CohortId is { } cohort ? sessionOf[(cohort, lesson.Id)] : null;
                var n = Math.Min(parts, (int)(lesson.Hours * 4));
                var credited = 0m;
                for (var p = 1; p <= Math.Max(1, n); p++)
                {
                    var part = p == Math.Max(1, n) ? lesson.Hours - credited : Math.Round(lesson.Hours / n, 2, MidpointRounding.ToZero);
                    credited += part;
                    rows.Add(Credit(ledger, enrollment, lesson, part, session, p, now));
                }
                var pending = rows.Where(r => r.EnrollmentId == enrollment.Id && r.LessonId == lesson.Id && r.Status == HoursStatus.Pending).ToList();
                if (pending.Count > 0 && random.NextDouble() < 0.6)
                {
                    var signOff = Guid.NewGuid();
                    foreach (var entry in pending)
                    {
                        rows.Add(Reversal(entry, $"signed off by Dennis Okafor", supervisor, now));
                        rows.Add(Copy(entry, HoursStatus.Credited, $"signed off by Dennis Okafor", supervisor, $"signoff/{signOff}/{entry.Id}", now));
                    }
                }
                if (random.NextDouble() < 0.05) Correct(rows, enrollment, lesson, ledger, session, now);
            }
            // Fill the quota with corrections (a credit entered twice, reversed and credited again); any prefix of the rows is
            // a valid ledger, because an entry only names entries before it.
            for (var tries = 0; rows.Count > 0 && rows.Count < quota && tries < 10 * quota; tries++)
            {
                var (enrollment, lesson) = reached[random.Next(reached.Count)];
                var session = lesson.Delivery == LessonDelivery.Live && enrollment.CohortId is { } cohort ? sessionOf[(cohort, lesson.Id)] : null;
                Correct(rows, enrollment, lesson, ledger, session, now);
            }
            foreach (var row in rows.Take(quota)) hours.Add(row);
            // The attendance behind each session's credit that made it into the ledger.
            foreach (var sessionId in rows.Take(quota).Where(r => r.Source == HoursSource.Attendance).Select(r => r.LiveSessionId!.Value).Distinct())
            {
                attendance.Add(new AttendanceRecord
                {
                    Id = Guid.NewGuid(), SessionId = sessionId, PersonId = person.Id, Present = true, RecordedById = facilitator, RecordedAt = now.AddDays(-29),
                });
            }
            // A trainee who has not started passes their share on, so the ledger still has the rows asked for.
            carried = Math.Max(0, quota - rows.Count);

            if ((i + 1) % 50 == 0)
            {
                foreach (var inserter in inserters) await inserter.FlushAsync();
            }
            if ((i + 1) % 1000 == 0)
            {
                await transaction.CommitAsync();
                transaction = await db.Database.GetDbConnection().BeginTransactionAsync();
                Use(transaction);
                Console.WriteLine($"  {i + 1} trainees, {hours.Written:N0} hours rows ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }
        foreach (var inserter in inserters) await inserter.FlushAsync();
        await transaction.CommitAsync();
        // The rows went in around the app's save, so the running totals are built from the ledger as the migration does.
        foreach (var sql in HoursTotalsWriter.RebuildSql(db.Database.ProviderName)) await db.Database.ExecuteSqlRawAsync(sql);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
        else if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE;");
        Console.WriteLine($"Seeded {people.Written:N0} trainees ({memberships.Written:N0} site memberships at {sites.Count} sites), {enrollments.Written:N0} enrolments, " +
            $"{hours.Written:N0} hours rows, {attendance.Written:N0} attendance records, {attempts.Written:N0} quiz attempts in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static void Correct(List<HoursEntry> rows, Enrollment enrollment, Lesson lesson, HoursLedger ledger, LiveSession? session, DateTime now)
    {
        var last = rows.LastOrDefault(r => r.EnrollmentId == enrollment.Id && r.LessonId == lesson.Id && r.Hours > 0 && r.ReversesEntryId is null
            && r.Source != HoursSource.Correction && !rows.Any(x => x.ReversesEntryId == r.Id));
        if (last is null) return;
        rows.Add(Reversal(last, "entered twice", enrollment.PersonId, now));
        // The key HoursLedger gives the n-th credit: every positive entry of the lesson so far counts.
        var credits = rows.Count(r => r.EnrollmentId == enrollment.Id && r.LessonId == lesson.Id && r.Hours > 0);
        rows.Add(Credit(ledger, enrollment, lesson, last.Hours, session, credits + 1, now));
    }

    private static HoursEntry Credit(HoursLedger ledger, Enrollment enrollment, Lesson lesson, decimal hours, LiveSession? session, int n, DateTime now) => new()
    {
        Id = Guid.NewGuid(), PersonId = enrollment.PersonId, EnrollmentId = enrollment.Id, CourseId = enrollment.CourseId, CourseVersion = enrollment.CourseVersion,
        LessonId = lesson.Id, LiveSessionId = session?.Id, Hours = hours, Domain = lesson.PrimaryDomain, DomainTags = string.Join(',', lesson.Domains),
        Delivery = session is null ? HoursDelivery.SelfPaced : HoursDelivery.InPerson, CompletedOn = DateOnly.FromDateTime(now.AddDays(-20)),
        Source = session is null ? HoursSource.SeatTime : HoursSource.Attendance,
        Status = ledger.NeedsSignOff(enrollment.CourseId, lesson.PrimaryDomain) ? HoursStatus.Pending : HoursStatus.Credited,
        RecordedById = session is null ? null : session.ScheduledById, RecordedAt = now.AddDays(-20),
        IdempotencyKey = $"lesson/{enrollment.Id}/{lesson.Id}/{n}",
    };

    private static HoursEntry Reversal(HoursEntry original, string reason, string actorId, DateTime now) =>
        Copy(original, original.Status, reason, actorId, $"reversal/{original.Id}", now, -original.Hours, original.Id);

    private static HoursEntry Copy(HoursEntry original, HoursStatus status, string reason, string actorId, string key, DateTime now,
        decimal? hours = null, Guid? reverses = null) => new()
    {
        Id = Guid.NewGuid(), PersonId = original.PersonId, EnrollmentId = original.EnrollmentId, CourseId = original.CourseId, CourseVersion = original.CourseVersion,
        LessonId = original.LessonId, LiveSessionId = original.LiveSessionId, Hours = hours ?? original.Hours, Domain = original.Domain, DomainTags = original.DomainTags,
        Delivery = original.Delivery, CompletedOn = original.CompletedOn, Source = HoursSource.Correction, Status = status, ReversesEntryId = reverses,
        Reason = reason, RecordedById = actorId, RecordedAt = now.AddDays(-10), IdempotencyKey = key,
    };

    private static QuizAttempt SubmittedAttempt(string personId, Course course, Module module, Random random, DateTime now)
    {
        var quiz = module.Quiz!;
        var layout = QuizLayout.Draw(quiz, random);
        var questions = layout.Items.Select(i => quiz.Questions.First(q => q.Id == i.QuestionId)).ToList();
        var answers = questions.ToDictionary(q => q.Id, q => (IReadOnlySet<int>)q.Options.Select((o, i) => (o, i)).Where(x => x.o.Correct).Select(x => x.i).ToHashSet());
        var graded = QuizGrading.Grade(questions.Select(q => new QuizGrading.Question(q.Id, answers[q.Id])).ToList(), answers, quiz.PassMark);
        var id = Guid.NewGuid();
        return new QuizAttempt
        {
            Id = id, PersonId = personId, CourseId = course.Id, ModuleId = module.Id, OpenKey = id.ToString("N"), Number = 1, Layout = layout.ToJson(),
            Answers = QuizAnswers.ToJson(answers.ToDictionary(a => a.Key, a => a.Value.Order().ToArray())), StartedAt = now.AddDays(-21), SubmittedAt = now.AddDays(-21),
            ScorePercent = graded.ScorePercent, Passed = graded.Passed, PassMark = quiz.PassMark, ContentHash = course.ContentHash,
        };
    }
}
