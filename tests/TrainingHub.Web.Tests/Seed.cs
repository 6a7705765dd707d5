using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;

namespace TrainingHub.Web.Tests;

/// <summary>Test set-up through the application's own services: enrol a person and credit a lesson as attendance would.</summary>
public static class Seed
{
    public static async Task<string> PersonIdAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A new trainee of the site (a person of their own, so no other test's record is in theirs). Returns their e-mail and id.</summary>
    public static async Task<(string Email, string Id)> NewTraineeAsync(IServiceProvider services, Guid siteId, string fullName)
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Person>>();
        var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, CreatedAt = DateTime.UtcNow };
        if (!(await users.CreateAsync(person, DemoAccounts.Password)).Succeeded) throw new InvalidOperationException("The trainee could not be created.");
        await users.AddToRoleAsync(person, Roles.Trainee);
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = siteId, PersonId = person.Id, Role = Roles.Trainee, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return (email, person.Id);
    }

    /// <summary>Credits the n-th lesson of a course to the person (pending when the course and domain need sign-off). Returns the id of its first domain's entry.</summary>
    public static async Task<Guid> CreditLessonAsync(IServiceProvider services, string email, string courseId, int lessonIndex)
    {
        var personId = await PersonIdAsync(services, email);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<ISender>().Send(new Enroll.Command(personId, courseId));
        var db = sp.GetRequiredService<TrainingHubDb>();
        var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == personId && e.CourseId == courseId);
        var lesson = sp.GetRequiredService<CourseCatalog>().Find(courseId)!.Lessons.ElementAt(lessonIndex);
        var entries = await sp.GetRequiredService<HoursLedger>().CreditLessonAsync(enrollment, lesson, lesson.Hours, HoursDelivery.InPerson,
            HoursSource.Attendance, new DateOnly(2026, 11, 2), null, null, CancellationToken.None);
        await db.SaveChangesAsync();
        return entries[0].Id;
    }
}

/// <summary>Certificates issued through the site's own issuer, as course completion would.</summary>
public static class SeedCertificates
{
    /// <summary>Credits the first lesson of the MAT course to the person and issues its certificate (issue number 1).</summary>
    public static async Task<Certificate> IssueAsync(IServiceProvider services, string email)
    {
        await Seed.CreditLessonAsync(services, email, "mat", 0);
        var personId = await Seed.PersonIdAsync(services, email);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var enrollment = await sp.GetRequiredService<TrainingHubDb>().Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == personId && e.CourseId == "mat");
        return await sp.GetRequiredService<TrainingHub.Features.Certificates.CertificateIssuer>()
            .IssueAsync(enrollment.Id, enrollment.CourseVersion, 1, null, null, CancellationToken.None);
    }

    public static async Task RevokeAsync(IServiceProvider services, Guid certificateId, string reason = "Issued in error")
    {
        var adminId = await Seed.PersonIdAsync(services, DemoAccounts.Admin);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TrainingHub.Features.Certificates.RevokeCertificate.Command(adminId, certificateId, reason, Confirmed: true));
    }
}
