using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Practicum;
using TrainingHub.Features.SignOffs;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Credentials;

/// <summary>What the credential tests set up through the application's own services: hours credited and signed off, practicum, files.</summary>
public static class CredentialsSetup
{
    /// <summary>A small real PDF: uploads are parsed, not only recognised by their first bytes.</summary>
    public static readonly byte[] Pdf = TestFiles.PlainPdf();

    public static readonly byte[] Png = TestFiles.BlankPng(400, 300);

    /// <summary>Credits every lesson of a course to the person, as attendance would, on <paramref name="on"/>.</summary>
    public static async Task CreditCourseAsync(LearningRecordHost host, string personId, string courseId, DateOnly on, HoursDelivery delivery = HoursDelivery.InPerson)
    {
        await host.Send(new Enroll.Command(personId, courseId));
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == personId && e.CourseId == courseId);
        var ledger = scope.ServiceProvider.GetRequiredService<HoursLedger>();
        foreach (var lesson in host.CourseOf(courseId).Lessons)
        {
            await ledger.CreditLessonAsync(enrollment, lesson, lesson.Hours, delivery, HoursSource.Attendance, on, null, null, CancellationToken.None);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The supervisor approves every pending hours entry of the person, with name and password, as on the sign-off page.</summary>
    public static async Task SignOffPendingHoursAsync(LearningRecordHost host, string personId, string supervisorEmail, string supervisorName)
    {
        var supervisor = await host.IdOf(supervisorEmail);
        var pending = await host.Db(db => db.HoursEntries.Where(h => h.PersonId == personId && h.Status == HoursStatus.Pending && h.Hours > 0 && h.ReversesEntryId == null
            && !db.HoursEntries.Any(r => r.ReversesEntryId == h.Id)).Select(h => h.Id).ToListAsync());
        await host.Send(new DecideSignOff.Command(supervisor, SignOffDecision.Approved, pending.Select(id => new DecideSignOff.ItemRef(SignOffSubject.Hours, id)).ToList(),
            supervisorName, DemoAccounts.Password, true, null));
    }

    public static async Task<Guid> LogPracticumAsync(LearningRecordHost host, string personId, PracticumKind kind, decimal hours, DateOnly on)
    {
        return await host.Send(new TrainingHub.Features.Practicum.LogPracticum.Command(personId, kind, on, hours, "advocacy", "Drop-in centre",
            "Peer support at the drop-in centre", kind == PracticumKind.Supervision ? "Dennis Okafor" : null));
    }
}
