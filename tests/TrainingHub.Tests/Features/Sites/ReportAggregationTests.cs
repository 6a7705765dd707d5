using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Sites;
using TrainingHub.Features.Sites.Reports;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Sites;

/// <summary>
/// The reports sum in the database and add up per trainee; these tests hold them to a plain reading of the rules,
/// computed here from every row of a varied ledger, so a change that miscounts anything fails.
/// </summary>
public sealed class ReportAggregationTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;

    public async Task InitializeAsync() => _host = await LearningRecordHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_sites_numbers_and_the_total_match_a_count_made_row_by_row_from_the_whole_ledger()
    {
        await SeedVariedLedger(new Random(11));
        var report = await _host.Send(new InstituteReport.Query(await _host.IdOf(DemoAccounts.Admin)));
        var rows = await LoadRows();

        Assert.Equal(3, report.Sites.Count);
        Assert.True(report.Total.Trainees >= 20);
        Assert.Contains(report.Total.HoursByDomain, d => d.Pending != 0);
        Assert.True(report.Total.PendingSignOffs > 0);
        Assert.Contains(report.Total.DropOff, c => c.Funnel.Steps.Any(s => s.StoppedHere > 0) && c.Funnel.NotStarted > 0 && c.Funnel.Completed > 0);
        foreach (var site in report.Sites)
        {
            AssertSame(Reference(rows, rows.Trainees.Where(t => t.SiteId == site.SiteId).Select(t => t.PersonId)), site.Numbers);
        }
        AssertSame(Reference(rows, rows.Trainees.Select(t => t.PersonId)), report.Total);
    }

    [Fact]
    public async Task A_sites_dashboard_matches_its_row_in_the_institute_roll_up()
    {
        await SeedVariedLedger(new Random(23));
        var admin = await _host.IdOf(DemoAccounts.Admin);
        var rollUp = await _host.Send(new InstituteReport.Query(admin));
        foreach (var site in rollUp.Sites)
        {
            AssertSame(site.Numbers, (await _host.Send(new SiteReport.Query(admin, site.SiteId))).Numbers);
        }
    }

    [Fact]
    public async Task The_ledger_refuses_to_reverse_a_reversal_or_an_entry_without_hours_which_the_pending_count_relies_on()
    {
        var person = await _host.IdOf(DemoAccounts.Trainee);
        var enrollment = new Enrollment { Id = Guid.NewGuid(), PersonId = person, CourseId = "ethics", CourseVersion = "1", ContentHash = "x", EnrolledAt = LearningRecordHost.Start.UtcDateTime };
        var credit = Entry(enrollment, "eth-boundaries", 0.75m, "ethics", HoursStatus.Pending);
        var nothing = Entry(enrollment, "eth-boundaries", 0m, "ethics", HoursStatus.Pending);
        await using var scope = _host.Scope();
        var ledger = scope.ServiceProvider.GetRequiredService<HoursLedger>();

        var reversal = ledger.Reverse(credit, "entered twice", person);

        Assert.Equal(-0.75m, reversal.Hours);
        Assert.Throws<InvalidOperationException>(() => ledger.Reverse(reversal, "undo the correction", person));
        Assert.Throws<InvalidOperationException>(() => ledger.Reverse(nothing, "nothing to cancel", person));
    }

    private static void AssertSame(ReportNumbers.Numbers expected, ReportNumbers.Numbers actual)
    {
        Assert.Equal((expected.Trainees, expected.Enrolled, expected.Active, expected.Completed, expected.Withdrawn),
            (actual.Trainees, actual.Enrolled, actual.Active, actual.Completed, actual.Withdrawn));
        Assert.Equal((expected.HoursCredited, expected.HoursPending, expected.PendingSignOffs), (actual.HoursCredited, actual.HoursPending, actual.PendingSignOffs));
        Assert.Equal(expected.HoursByDomain, actual.HoursByDomain);
        Assert.Equal(expected.DropOff.Select(d => (d.CourseId, d.Funnel.Enrolled, d.Funnel.NotStarted, d.Funnel.Completed)),
            actual.DropOff.Select(d => (d.CourseId, d.Funnel.Enrolled, d.Funnel.NotStarted, d.Funnel.Completed)));
        Assert.Equal(expected.DropOff.SelectMany(d => d.Funnel.Steps), actual.DropOff.SelectMany(d => d.Funnel.Steps));
    }

    private sealed record Rows(List<SiteMembership> Trainees, List<Enrollment> Enrollments, List<HoursEntry> Hours);

    private Task<Rows> LoadRows() => _host.Db(async db => new Rows(
        await db.SiteMemberships.AsNoTracking().Where(m => m.Role == Roles.Trainee).ToListAsync(),
        await db.Enrollments.AsNoTracking().ToListAsync(),
        await db.HoursEntries.AsNoTracking().ToListAsync()));

    /// <summary>The rules as the dashboard explains them, applied to every row in turn.</summary>
    private ReportNumbers.Numbers Reference(Rows rows, IEnumerable<string> people)
    {
        var catalog = _host.Catalog;
        var trainees = people.Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var enrollments = rows.Enrollments.Where(e => trainees.Contains(e.PersonId)).ToList();
        var hours = rows.Hours.Where(h => trainees.Contains(h.PersonId)).ToList();
        var byDomain = hours.GroupBy(h => catalog.DomainName(h.Domain))
            .Select(g => new MyHours.Total(g.Key, g.Where(h => h.Status == HoursStatus.Credited).Sum(h => h.Hours), g.Where(h => h.Status == HoursStatus.Pending).Sum(h => h.Hours)))
            .Where(t => t.Credited != 0 || t.Pending != 0).OrderBy(t => t.Name, StringComparer.CurrentCulture).ToList();
        var pendingSignOffs = hours.Count(h => h.Status == HoursStatus.Pending && h.Hours > 0 && h.ReversesEntryId is null && !rows.Hours.Any(r => r.ReversesEntryId == h.Id));
        var dropOff = enrollments.GroupBy(e => e.CourseId).Select(g => catalog.Find(g.Key)).OfType<Course>().OrderBy(c => c.Title, StringComparer.CurrentCulture).Select(course =>
        {
            var funnel = enrollments.Where(e => e.CourseId == course.Id).Select(e =>
            {
                var furthest = -1;
                for (var m = 0; m < course.Modules.Count; m++)
                {
                    if (course.Modules[m].Lessons.Any(l => hours.Where(h => h.PersonId == e.PersonId && h.CourseId == course.Id && h.LessonId == l.Id).Sum(h => h.Hours) > 0)) furthest = m;
                }
                return new DropOff.Trainee(furthest, e.Status == EnrollmentStatus.Completed);
            }).ToList();
            return new ReportNumbers.CourseDropOff(course.Id, course.Title, course.Modules.Select(m => m.Title).ToList(), DropOff.For(course.Modules.Count, funnel));
        }).ToList();
        return new ReportNumbers.Numbers(trainees.Count, enrollments.Count, enrollments.Count(e => e.Status == EnrollmentStatus.Active),
            enrollments.Count(e => e.Status == EnrollmentStatus.Completed), enrollments.Count(e => e.Status == EnrollmentStatus.Withdrawn),
            byDomain.Sum(t => t.Credited), byDomain.Sum(t => t.Pending), pendingSignOffs, byDomain, dropOff);
    }

    /// <summary>
    /// Twenty-four trainees at three sites (some at two), in one to three courses with every enrolment status, and a ledger
    /// of credits, partial credits, pending hours, reversals (some of pending hours), lessons whose entries cancel out,
    /// a lesson no longer in its course and a domain tag the catalog does not know.
    /// </summary>
    private async Task SeedVariedLedger(Random random)
    {
        var start = LearningRecordHost.Start.UtcDateTime;
        var courses = _host.Catalog.Courses.ToList();
        Guid[] sites = [DemoData.SiteA, DemoData.SiteB, DemoData.SiteC];
        await _host.Db(async db =>
        {
            for (var i = 0; i < 24; i++)
            {
                var person = new Person { UserName = $"aggregate{i}@example.org", Email = $"aggregate{i}@example.org", FullName = $"Trainee {i}", CreatedAt = start };
                db.Users.Add(person);
                db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = sites[i % 3], PersonId = person.Id, Role = Roles.Trainee, CreatedAt = start });
                if (i % 5 == 0)
                {
                    db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = sites[(i + 1) % 3], PersonId = person.Id, Role = Roles.Trainee, CreatedAt = start });
                }
                foreach (var course in courses.Where(_ => random.NextDouble() < 0.7))
                {
                    var enrollment = new Enrollment
                    {
                        Id = Guid.NewGuid(), PersonId = person.Id, CourseId = course.Id, CourseVersion = course.Version, ContentHash = course.ContentHash,
                        Status = (EnrollmentStatus)random.Next(3), EnrolledAt = start,
                    };
                    db.Enrollments.Add(enrollment);
                    var lessons = course.Lessons.ToList();
                    for (var n = random.Next(0, 12); n > 0; n--)
                    {
                        var lesson = lessons[random.Next(lessons.Count)];
                        var entry = Entry(enrollment, lesson.Id, Math.Round((decimal)random.NextDouble() * lesson.Hours, 2),
                            random.Next(5) == 0 ? "unknown-domain" : lesson.PrimaryDomain, random.Next(3) == 0 ? HoursStatus.Pending : HoursStatus.Credited);
                        db.HoursEntries.Add(entry);
                        if (random.Next(4) == 0) db.HoursEntries.Add(Entry(enrollment, lesson.Id, -entry.Hours, entry.Domain, entry.Status, entry.Id));
                    }
                    if (random.Next(6) == 0) db.HoursEntries.Add(Entry(enrollment, "a-lesson-since-removed", 1m, "advocacy", HoursStatus.Credited));
                }
            }
            return await db.SaveChangesAsync();
        });
    }

    private static HoursEntry Entry(Enrollment enrollment, string lessonId, decimal hours, string domain, HoursStatus status, Guid? reverses = null) => new()
    {
        Id = Guid.NewGuid(), PersonId = enrollment.PersonId, EnrollmentId = enrollment.Id, CourseId = enrollment.CourseId, CourseVersion = enrollment.CourseVersion,
        LessonId = lessonId, Hours = hours, Domain = domain, DomainTags = domain, Delivery = HoursDelivery.SelfPaced, CompletedOn = new DateOnly(2027, 1, 12),
        Source = reverses is null ? HoursSource.SeatTime : HoursSource.Correction, Status = status, ReversesEntryId = reverses,
        Reason = reverses is null ? null : "entered twice", RecordedAt = LearningRecordHost.Start.UtcDateTime, IdempotencyKey = Guid.NewGuid().ToString(),
    };
}
