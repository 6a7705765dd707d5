using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.SignOffs;

namespace TrainingHub.Tests.Data;

/// <summary>The Development demo tells a term's story, so every role's first page has something real on it.</summary>
public sealed class DemoStoryTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_story_leaves_past_attendance_a_trainee_part_way_hours_to_sign_off_upcoming_sessions_and_a_verifiable_certificate()
    {
        await using (var scope = _host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoStory>().TellAsync(default);
        }

        await using var read = _host.Scope();
        var sp = read.ServiceProvider;
        var db = sp.GetRequiredService<TrainingHubDb>();
        var sender = sp.GetRequiredService<ISender>();
        var id = async (string email) => await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var terry = await id(DemoAccounts.Trainee);
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        // Sessions already held, with the facilitator's attendance crediting Terry.
        var held = await db.LiveSessions.AsNoTracking().Where(s => s.CohortId == DemoData.CohortA && s.StartsAt < now).Select(s => s.Id).ToListAsync();
        Assert.Equal(2, held.Count);
        var credited = await db.HoursEntries.AsNoTracking().Where(h => h.PersonId == terry && h.LiveSessionId != null && h.Status == HoursStatus.Credited)
            .Select(h => h.LiveSessionId!.Value).Distinct().ToListAsync();
        Assert.Equal(held.Order(), credited.Order());

        // Terry is part-way through.
        var progress = await sender.Send(new GetCourseProgress.Query(terry, "recovery-coach"));
        Assert.InRange(progress.CreditedHours, 1m, progress.Hours - 1m);

        // What is coming, one session online with its link.
        var upcoming = await sender.Send(new MyUpcomingSessions.Query(terry));
        Assert.Equal(2, upcoming.Count);
        Assert.Contains(upcoming, s => s.VideoLink == DemoStory.OnlineLink);

        // The supervisor has Terry's practice hours waiting.
        var queue = await sender.Send(new SignOffQueue.Query(await id(DemoAccounts.Supervisor)));
        Assert.Contains(queue.Groups, g => g.PersonId == terry && g.Items.Count > 0);

        // Alex Rivera finished MAT the way a trainee does and holds a certificate that verifies.
        var graduate = await id(DemoStory.GraduateEmail);
        var enrollment = await db.Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == graduate && e.CourseId == "mat");
        Assert.Equal(EnrollmentStatus.Completed, enrollment.Status);
        var certificate = await db.Certificates.AsNoTracking().SingleAsync(c => c.PersonId == graduate);
        Assert.Equal(VerifyCertificate.Outcome.Valid, (await sender.Send(new VerifyCertificate.Query(certificate.Code))).Outcome);
        Assert.True(await db.AttendanceRecords.AnyAsync(a => a.PersonId == graduate));
    }
}
