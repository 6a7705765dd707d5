using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Practicum;
using TrainingHub.Features.Quizzes;
using TrainingHub.Features.Sessions;
using TrainingHub.Infrastructure;

namespace TrainingHub.Data;

/// <summary>
/// What has happened at the demo institute by the time a newcomer signs in (DemoData:Story): past sessions with attendance,
/// Terry Jackson part-way through the Recovery Coach course with practice hours waiting for Dennis Okafor's sign-off,
/// upcoming sessions (one online), and Alex Rivera, who finished the MAT course and holds its certificate. Everything goes
/// through the handlers the site uses, so the records are the ones a real term leaves behind; only self-paced reading
/// (which needs minutes of real time) is credited straight into the ledger.
/// </summary>
public sealed class DemoStory(TrainingHubDb db, UserManager<Person> users, ISender sender, CourseCatalog catalog, HoursLedger ledger,
    TimeProvider clock, IOptions<DemoDataOptions> options)
{
    public const string GraduateEmail = $"graduate@{DemoData.Domain}";
    public static readonly Guid MatCohort = Guid.Parse("c7a2e914-0b35-4d8e-a1f6-2d9b4e7c5a06");
    public const string OnlineLink = "https://meet.example.org/harbor-light-recovery-coach";

    public async Task TellAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var facilitator = await IdOf(DemoData.FacilitatorEmail, ct);
        var terry = await IdOf(DemoData.TraineeEmail, ct);

        // Terry's cohort began three weeks ago (the plain demo dates it in the future, before anything has happened).
        var cohortA = await db.Cohorts.SingleAsync(c => c.Id == DemoData.CohortA, ct);
        cohortA.StartsOn = today.AddDays(-21);
        cohortA.Name = "Autumn Recovery Coach cohort";
        cohortA.Schedule = "Mondays, 10 am to 1 pm";
        await db.SaveChangesAsync(ct);

        // Terry's cohort: two sessions held (Terry attended both), two to come, one of them online.
        var recoveryCoach = catalog.Find("recovery-coach") ?? throw new InvalidOperationException("The demo needs the recovery-coach course.");
        var live = recoveryCoach.Lessons.Where(l => l.Delivery == LessonDelivery.Live).ToList();
        const string room = "Group room 2, 120 Harbor Street, Bronx";
        foreach (var (lesson, daysAgo) in new[] { (live[0], 14), (live[1], 7) })
        {
            var held = await sender.Send(new ScheduleSession.Command(facilitator, DemoData.CohortA, lesson.Id, today.AddDays(-daysAgo), new TimeOnly(10, 0), room, null), ct);
            await sender.Send(new RecordAttendance.Command(facilitator, held, [new RecordAttendance.Mark(terry, true, null, null)], null), ct);
        }
        await sender.Send(new ScheduleSession.Command(facilitator, DemoData.CohortA, live[2].Id, today.AddDays(2), new TimeOnly(10, 0), null, OnlineLink), ct);
        await sender.Send(new ScheduleSession.Command(facilitator, DemoData.CohortA, live[3].Id, today.AddDays(9), new TimeOnly(10, 0), room, null), ct);

        // Terry read the first self-paced lessons, and logged practice hours that wait for the supervisor.
        var terryEnrollment = await db.Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == terry && e.CourseId == recoveryCoach.Id, ct);
        foreach (var lesson in recoveryCoach.Lessons.Where(l => l.Delivery != LessonDelivery.Live).Take(2))
        {
            await ledger.CreditLessonAsync(terryEnrollment, lesson, lesson.Hours, HoursDelivery.SelfPaced, HoursSource.SeatTime, today.AddDays(-10), null, null, ct);
        }
        await db.SaveChangesAsync(ct);
        await sender.Send(new LogPracticum.Command(terry, PracticumKind.Experience, today.AddDays(-3), 2m, catalog.Domains[0].Tag, "Harbor Light drop-in center",
            "Co-led the Tuesday peer support group with a recovery coach and wrote up what I learned.", null), ct);

        await GraduateAsync(facilitator, today, now, ct);
        // Issue the certificate (and send the session e-mails) now, so the first page a newcomer opens already shows it.
        await sender.Send(new DispatchOutbox.Command(), ct);
    }

    /// <summary>Alex Rivera took the MAT course in a cohort: attended its live lessons, read the rest and passed both quizzes.</summary>
    private async Task GraduateAsync(string facilitator, DateOnly today, DateTime now, CancellationToken ct)
    {
        var graduate = new Person { UserName = GraduateEmail, Email = GraduateEmail, EmailConfirmed = true, FullName = "Alex Rivera", CreatedAt = now };
        var created = await users.CreateAsync(graduate, options.Value.Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(graduate, Roles.Trainee);
        var mat = catalog.Find("mat") ?? throw new InvalidOperationException("The demo needs the MAT course.");
        db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteA, PersonId = graduate.Id, Role = Roles.Trainee, CreatedAt = now });
        db.Cohorts.Add(new Cohort
        {
            Id = MatCohort, SiteId = DemoData.SiteA, CourseId = mat.Id, Name = "Autumn MAT cohort", StartsOn = today.AddDays(-28),
            Schedule = "Saturdays, 10 am to noon", DeliveryMode = DeliveryMode.InPerson, Capacity = 12, FacilitatorId = facilitator, CreatedAt = now,
        });
        var enrollment = new Enrollment
        {
            Id = Guid.NewGuid(), PersonId = graduate.Id, CourseId = mat.Id, CourseVersion = mat.Version, ContentHash = mat.ContentHash,
            CohortId = MatCohort, Status = EnrollmentStatus.Active, EnrolledAt = now.AddDays(-30),
        };
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync(ct);

        var daysAgo = 28;
        foreach (var lesson in mat.Lessons)
        {
            if (lesson.Delivery == LessonDelivery.Live)
            {
                var held = await sender.Send(new ScheduleSession.Command(facilitator, MatCohort, lesson.Id, today.AddDays(-daysAgo), new TimeOnly(10, 0),
                    "Group room 1, 120 Harbor Street, Bronx", null), ct);
                await sender.Send(new RecordAttendance.Command(facilitator, held, [new RecordAttendance.Mark(graduate.Id, true, null, null)], null), ct);
            }
            else
            {
                await ledger.CreditLessonAsync(enrollment, lesson, lesson.Hours, HoursDelivery.SelfPaced, HoursSource.SeatTime, today.AddDays(-daysAgo), null, null, ct);
                await db.SaveChangesAsync(ct);
            }
            daysAgo -= 4;
        }
        foreach (var module in mat.Modules.Where(m => m.Quiz is not null))
        {
            var attempt = await sender.Send(new StartQuizAttempt.Command(graduate.Id, mat.Id, module.Id), ct);
            var answers = attempt.Questions.ToDictionary(shown => shown.Id, shown =>
            {
                var right = module.Quiz!.Questions.Single(q => q.Id == shown.Id).Options.Where(o => o.Correct).Select(o => o.Text).ToHashSet(StringComparer.Ordinal);
                return shown.Options.Where(o => right.Contains(o.Text)).Select(o => o.Value).ToArray();
            });
            await sender.Send(new SubmitQuizAttempt.Command(graduate.Id, attempt.AttemptId!.Value, answers), ct);
        }
    }

    private async Task<string> IdOf(string email, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Id).SingleAsync(ct);
}
