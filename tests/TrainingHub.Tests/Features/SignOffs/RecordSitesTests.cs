using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.SignOffs;

namespace TrainingHub.Tests.Features.SignOffs;

/// <summary>
/// The queues and reports place waiting hours at sites in memory (<see cref="RecordSites"/>, for speed at a million rows);
/// the sign-off rule places them in the database (<see cref="SupervisorRules.HoursAt"/>). The two must always agree.
/// </summary>
public sealed class RecordSitesTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Waiting_hours_are_placed_at_the_same_sites_as_the_sign_off_rule_places_them_for_every_choice_of_sites()
    {
        // A trainee of site B who joins site A later, with waiting hours of a course taken without a group from before and
        // after joining A, beside the demo's own waiting hours of cohorts.
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        var joinedA = DateTime.UtcNow.AddDays(-3);
        await _host.Db(async db =>
        {
            var enrollment = new Enrollment { Id = Guid.NewGuid(), PersonId = lena, CourseId = "record-sites-test", CourseVersion = "1", ContentHash = "x", Status = EnrollmentStatus.Active, EnrolledAt = joinedA.AddDays(-30) };
            db.Enrollments.Add(enrollment);
            (await db.SiteMemberships.SingleAsync(m => m.PersonId == lena && m.SiteId == DemoData.SiteB)).CreatedAt = joinedA.AddDays(-30);
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteA, PersonId = lena, Role = Roles.Trainee, CreatedAt = joinedA });
            db.HoursEntries.Add(Pending(lena, enrollment.Id, joinedA.AddDays(-5), "before"));
            db.HoursEntries.Add(Pending(lena, enrollment.Id, joinedA.AddDays(1), "after"));
            return await db.SaveChangesAsync();
        });

        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var rules = scope.ServiceProvider.GetRequiredService<SupervisorRules>();
        var allSites = await db.Sites.Select(s => s.Id).ToListAsync();
        IReadOnlyCollection<Guid>[] choices = [[DemoData.SiteA], [DemoData.SiteB], [DemoData.SiteA, DemoData.SiteB], allSites];
        var placedSomewhere = 0;
        foreach (var sites in choices)
        {
            var byRule = new HashSet<(Guid, Guid)>();
            foreach (var site in sites)
            {
                var ids = await rules.HoursAt(PendingItems.Hours(db), [site]).Select(h => h.Id).ToListAsync();
                byRule.UnionWith(ids.Select(id => (site, id)));
            }
            var queued = (await rules.PendingAtAsync(sites, default)).Where(i => i.Subject == SignOffSubject.Hours).Select(i => (i.SiteId, i.ItemId)).ToHashSet();
            Assert.Equal(byRule.OrderBy(x => x).ToList(), queued.OrderBy(x => x).ToList());
            var counts = await rules.CountPendingAtAsync(sites, default);
            Assert.Equal(queued.Select(x => x.Item2).Distinct().Count() + await SupervisorRules.PracticumAt(PendingItems.Practicum(db), sites).CountAsync(), counts.Total);
            // Each site's count is its queue: the counts group entries by enrolment, and Lena's straddles the day she joined A.
            var practicum = await SupervisorRules.PracticumAt(PendingItems.Practicum(db), sites).Select(p => p.SiteId).ToListAsync();
            foreach (var site in sites)
            {
                Assert.Equal(queued.Count(x => x.Item1 == site) + practicum.Count(s => s == site), counts.BySite.GetValueOrDefault(site));
            }
            placedSomewhere += queued.Count;
        }
        // The entry from before Lena joined A waits at B only; the one after waits at both.
        var lenas = (await rules.PendingAtAsync([DemoData.SiteA, DemoData.SiteB], default)).Where(i => i.PersonId == lena).ToList();
        Assert.Equal(3, lenas.Count);
        Assert.Equal(2, lenas.Count(i => i.SiteId == DemoData.SiteB));
        Assert.True(placedSomewhere > 3, "the demo data should have waiting hours of cohorts too");
    }

    private static HoursEntry Pending(string person, Guid enrollment, DateTime recordedAt, string key) => new()
    {
        Id = Guid.NewGuid(), PersonId = person, EnrollmentId = enrollment, CourseId = "record-sites-test", CourseVersion = "1", LessonId = "record-sites-lesson",
        Hours = 0.5m, Domain = "ethical-responsibility", DomainTags = "ethical-responsibility", Delivery = HoursDelivery.InPerson,
        Source = HoursSource.Attendance, Status = HoursStatus.Pending, RecordedAt = recordedAt, CompletedOn = DateOnly.FromDateTime(recordedAt),
        IdempotencyKey = $"test/record-sites/{key}/{Guid.NewGuid()}",
    };
}
