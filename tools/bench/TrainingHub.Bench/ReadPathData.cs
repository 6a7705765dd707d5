using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates.Verification;

namespace TrainingHub.Bench;

/// <summary>
/// Data for tools/bench/read-paths.sh: the learning-record trainees (enrolled in the Recovery Coach course), each with
/// the course's first lessons credited in the ledger as a trainee part-way through has them (so "My hours", the home page
/// and the lesson page read real rows), and one certificate for learner0 whose code /verify is asked for. Prints the code.
/// </summary>
public static class ReadPathData
{
    private const int CreditedLessons = 6;

    public static Task SeedAsync(string folder, int people) => LearningRecordLoad.SeedAsync("Sqlite", folder, people, async sp =>
    {
        var db = sp.GetRequiredService<TrainingHubDb>();
        var course = sp.GetRequiredService<CourseCatalog>().Find(LearningRecordLoad.CourseId)!;
        var enrollments = await db.Enrollments.AsNoTracking().ToListAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var e in enrollments)
        {
            foreach (var lesson in course.Lessons.Take(CreditedLessons))
            {
                db.HoursEntries.Add(new HoursEntry
                {
                    Id = Guid.NewGuid(), PersonId = e.PersonId, EnrollmentId = e.Id, CourseId = e.CourseId, CourseVersion = e.CourseVersion,
                    LessonId = lesson.Id, Hours = lesson.Hours, Domain = lesson.PrimaryDomain, DomainTags = string.Join(',', lesson.Domains),
                    Delivery = lesson.Delivery == LessonDelivery.Live ? HoursDelivery.InPerson : HoursDelivery.SelfPaced,
                    CompletedOn = today, Source = lesson.Delivery == LessonDelivery.Live ? HoursSource.Attendance : HoursSource.SeatTime,
                    Status = HoursStatus.Credited, RecordedAt = DateTime.UtcNow, IdempotencyKey = $"lesson/{e.Id}/{lesson.Id}/1",
                });
            }
        }
        var first = await db.Users.AsNoTracking().Where(u => u.Email == LearningRecordLoad.Email(0)).Select(u => new { u.Id, u.FullName }).SingleAsync();
        var code = VerificationCode.New();
        db.Certificates.Add(new Certificate
        {
            Id = Guid.NewGuid(), Code = code, IssueKey = $"bench/{first.Id}", EnrollmentId = enrollments.First(e => e.PersonId == first.Id).Id,
            PersonId = first.Id, CourseId = course.Id, CourseVersion = course.Version, TraineeName = first.FullName, CourseTitle = course.Title,
            Hours = course.Hours, HoursByDomain = "{}", CompletedOn = today, DeliveryMode = "Self-paced", InstituteName = "Bench Institute",
            ProviderNumbers = "{}", SignatoryName = "Bench Signatory", SignatoryTitle = "Director", StatusIndex = 1, IssuedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"certificate code: {code}"));
    });
}
