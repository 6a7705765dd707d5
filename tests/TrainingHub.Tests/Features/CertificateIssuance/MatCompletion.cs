using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Quizzes;

namespace TrainingHub.Tests.Features.CertificateIssuance;

/// <summary>A trainee who has finished the MAT course, for the certificate tests.</summary>
internal static class MatCompletion
{
    /// <summary>Completes the MAT course the way the site does: every lesson credited in the ledger, every quiz passed on the server.</summary>
    public static async Task<Enrollment> CompleteAsync(TestHost host, string email)
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
                lesson.Delivery == LessonDelivery.Live ? HoursDelivery.InPerson : HoursDelivery.SelfPaced, HoursSource.Attendance, new DateOnly(2026, 11, 20), null, null, default);
        }
        await db.SaveChangesAsync();
        foreach (var module in course.Modules)
        {
            var attempt = await sender.Send(new StartQuizAttempt.Command(person.Id, "mat", module.Id));
            var answers = QuizPapers.Right(attempt, module.Quiz!);
            await sender.Send(new SubmitQuizAttempt.Command(person.Id, attempt.AttemptId!.Value, answers));
        }
        return await db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == enrollment.Id);
    }
}
