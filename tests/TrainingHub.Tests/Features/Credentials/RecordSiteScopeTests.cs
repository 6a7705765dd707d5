using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.Targets;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Credentials;

/// <summary>
/// A person of two sites: each site's staff see on the credential page only what was logged at their site (ADR 0012);
/// the person sees their whole record.
/// </summary>
public sealed class RecordSiteScopeTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Site_A_staff_see_only_what_was_logged_at_site_A_of_a_trainee_of_both_sites_and_the_trainee_sees_everything()
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        var rosa = await _host.IdOf(DemoAccounts.Coordinator);
        var grace = await _host.IdOf(DemoAccounts.CoordinatorB);

        // A lesson of a course taken without a group, logged while Lena was a trainee of site B only.
        await _host.Send(new Enroll.Command(lena, "mat"));
        await using (var scope = _host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == lena && e.CourseId == "mat");
            var lesson = scope.ServiceProvider.GetRequiredService<CourseCatalog>().Find("mat")!.Lessons.First();
            await scope.ServiceProvider.GetRequiredService<HoursLedger>().CreditLessonAsync(enrollment, lesson, lesson.Hours, HoursDelivery.InPerson,
                HoursSource.Attendance, new DateOnly(2026, 11, 20), null, null, default);
            await db.SaveChangesAsync();
        }
        var recordedAt = await _host.Db(db => db.HoursEntries.Where(h => h.PersonId == lena).MaxAsync(h => h.RecordedAt));
        await _host.Db(async db =>
        {
            (await db.SiteMemberships.SingleAsync(m => m.PersonId == lena && m.SiteId == DemoData.SiteB)).CreatedAt = recordedAt.AddDays(-1);
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteA, PersonId = lena, Role = Roles.Trainee, CreatedAt = recordedAt.AddDays(1) });
            db.PracticumEntries.Add(Practicum(lena, DemoData.SiteB, 7, "Peer support at Riverside"));
            db.PracticumEntries.Add(Practicum(lena, DemoData.SiteA, 3, "Peer support at Harbor Light"));
            db.CredentialTargets.Add(new CredentialTarget { Id = Guid.NewGuid(), PersonId = lena, CredentialId = "naadac-ncprss", ChosenAt = recordedAt });
            return await db.SaveChangesAsync();
        });

        var own = await _host.Send(new MyCredentials.Query(lena, lena, null));
        Assert.Equal(10m, Experience(own).Pending);
        Assert.True(Training(own) > 0);

        var atA = await _host.Send(new MyCredentials.Query(rosa, lena, DemoData.SiteA));
        Assert.Equal(3m, Experience(atA).Pending);
        Assert.Equal(0m, Training(atA));

        var atB = await _host.Send(new MyCredentials.Query(grace, lena, DemoData.SiteB));
        Assert.Equal(7m, Experience(atB).Pending);
        Assert.Equal(Training(own), Training(atB));
    }

    private static PracticumEntry Practicum(string personId, Guid site, decimal hours, string description) => new()
    {
        Id = Guid.NewGuid(), PersonId = personId, SiteId = site, Kind = PracticumKind.Experience, Date = new DateOnly(2026, 11, 2), Hours = hours,
        Domain = "advocacy", Description = description, LoggedAt = new DateTime(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc),
    };

    private static RequirementProgress Experience(MyCredentials.Result result) =>
        result.Targets.Single().Eligibility.Requirements.Single(r => r.Requirement.Kind == RequirementKind.ExperienceHours);

    private static decimal Training(MyCredentials.Result result) => result.Targets.Single().Eligibility.Training.Sum(l => l.Record.Hours);
}
