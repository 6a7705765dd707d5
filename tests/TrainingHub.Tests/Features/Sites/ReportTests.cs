using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.SignOffs;
using TrainingHub.Tests.Features.Credentials;
using TrainingHub.Features.Sites.Reports;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Sites;

public sealed class ReportTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;

    public async Task InitializeAsync() => _host = await LearningRecordHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static HoursEntry Entry(string personId, Guid enrollmentId, string courseId, string lessonId, decimal hours, string domain,
        HoursStatus status = HoursStatus.Credited, Guid? reverses = null) => new()
    {
        Id = Guid.NewGuid(), PersonId = personId, EnrollmentId = enrollmentId, CourseId = courseId, CourseVersion = "1", LessonId = lessonId,
        Hours = hours, Domain = domain, DomainTags = domain, Delivery = HoursDelivery.SelfPaced, CompletedOn = new DateOnly(2027, 1, 12),
        Source = reverses is null ? HoursSource.SeatTime : HoursSource.Correction, Status = status, ReversesEntryId = reverses,
        Reason = reverses is null ? null : "entered twice", RecordedAt = LearningRecordHost.Start.UtcDateTime, IdempotencyKey = Guid.NewGuid().ToString(),
    };

    [Fact]
    public async Task A_trainee_who_moved_from_site_A_to_B_shows_As_hours_in_As_report_and_Bs_in_Bs_and_once_in_the_total()
    {
        var admin = await _host.IdOf(DemoAccounts.Admin);
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        async Task<(decimal A, decimal B, decimal All)> Credited()
        {
            var a = await _host.Send(new SiteReport.Query(admin, DemoData.SiteA));
            var b = await _host.Send(new SiteReport.Query(admin, DemoData.SiteB));
            var all = await _host.Send(new InstituteReport.Query(admin));
            return (a.Numbers.HoursCredited, b.Numbers.HoursCredited, all.Total.HoursCredited);
        }
        var before = await Credited();

        // Lena (site B) was first a trainee of site A, in its Recovery Coach group; she is now in a MAT group at site B.
        var rc = _host.CourseOf("recovery-coach");
        var mat = _host.CourseOf("mat");
        await _host.Db(async db =>
        {
            var start = LearningRecordHost.Start.UtcDateTime;
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteA, PersonId = lena, Role = Roles.Trainee, CreatedAt = start.AddDays(-90) });
            var matGroup = new Cohort { Id = Guid.NewGuid(), SiteId = DemoData.SiteB, CourseId = "mat", Name = "MAT at Riverside", StartsOn = new DateOnly(2027, 1, 4), Capacity = 12, CreatedAt = start };
            db.Cohorts.Add(matGroup);
            var atA = new Enrollment { Id = Guid.NewGuid(), PersonId = lena, CourseId = rc.Id, CourseVersion = rc.Version, ContentHash = rc.ContentHash, CohortId = DemoData.CohortA, Status = EnrollmentStatus.Withdrawn, EnrolledAt = start.AddDays(-90) };
            var atB = new Enrollment { Id = Guid.NewGuid(), PersonId = lena, CourseId = mat.Id, CourseVersion = mat.Version, ContentHash = mat.ContentHash, CohortId = matGroup.Id, Status = EnrollmentStatus.Active, EnrolledAt = start };
            db.Enrollments.AddRange(atA, atB);
            db.HoursEntries.AddRange(
                Entry(lena, atA.Id, rc.Id, rc.Lessons.First().Id, 1.5m, "advocacy"),
                Entry(lena, atB.Id, mat.Id, mat.Lessons.First().Id, 0.75m, "medication-supported-recovery"));
            await db.SaveChangesAsync();
            return 0;
        });

        var after = await Credited();
        Assert.Equal(before.A + 1.5m, after.A);
        Assert.Equal(before.B + 0.75m, after.B);
        Assert.Equal(before.All + 2.25m, after.All);
    }

    /// <summary>Terry (site A): module 1 credited, module 2 credited then reversed, and ethics hours waiting for sign-off. Lena (site B): MAT hours.</summary>
    private async Task<(string Terry, string Lena)> RecordHours()
    {
        var terry = await _host.IdOf(DemoAccounts.Trainee);
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        var course = _host.CourseOf("recovery-coach");
        var first = course.Modules[0].Lessons[0];
        var second = course.Modules[1].Lessons[0];
        await _host.Db(async db =>
        {
            var terryEnrollment = await db.Enrollments.Where(e => e.PersonId == terry).Select(e => e.Id).SingleAsync();
            var mat = _host.CourseOf("mat");
            var lenaEnrollment = new Enrollment
            {
                Id = Guid.NewGuid(), PersonId = lena, CourseId = "mat", CourseVersion = mat.Version, ContentHash = mat.ContentHash, Status = EnrollmentStatus.Completed,
                EnrolledAt = LearningRecordHost.Start.UtcDateTime,
            };
            db.Enrollments.Add(lenaEnrollment);
            var twice = Entry(terry, terryEnrollment, course.Id, second.Id, 0.5m, "advocacy");
            db.HoursEntries.AddRange(
                Entry(terry, terryEnrollment, course.Id, first.Id, 1.0m, "recovery-wellness-support"),
                twice,
                Entry(terry, terryEnrollment, course.Id, second.Id, -0.5m, "advocacy", reverses: twice.Id),
                Entry(terry, terryEnrollment, course.Id, first.Id, 0.75m, "ethical-responsibility", HoursStatus.Pending),
                Entry(lena, lenaEnrollment.Id, "mat", mat.Lessons.First().Id, 2m, "medication-supported-recovery"));
            await db.SaveChangesAsync();
            return 0;
        });
        return (terry, lena);
    }

    [Fact]
    public async Task The_site_dashboard_counts_its_own_trainees_hours_by_domain_with_reversals_and_pending_sign_offs()
    {
        await RecordHours();
        var report = await _host.Send(new SiteReport.Query(await _host.IdOf(DemoAccounts.Supervisor), DemoData.SiteA));
        var n = report.Numbers;
        Assert.Equal((1, 1, 1, 0, 0), (n.Trainees, n.Enrolled, n.Active, n.Completed, n.Withdrawn));
        Assert.Equal([("Ethical Responsibility", 0m, 0.75m), ("Recovery and Wellness Support", 1.0m, 0m)], n.HoursByDomain.Select(d => (d.Name, d.Credited, d.Pending)));
        Assert.Equal((1.0m, 0.75m, 1), (n.HoursCredited, n.HoursPending, n.PendingSignOffs));

        var funnel = Assert.Single(n.DropOff);
        Assert.Equal("recovery-coach", funnel.CourseId);
        Assert.Equal(10, funnel.Funnel.Steps.Count);
        Assert.Equal((1, 1, 0), (funnel.Funnel.Steps[0].Reached, funnel.Funnel.Steps[0].StoppedHere, funnel.Funnel.Steps[1].Reached));
        Assert.Equal(0, funnel.Funnel.NotStarted);
        Assert.DoesNotContain(n.HoursByDomain, d => d.Name == "Medication-Supported Recovery");
    }

    [Fact]
    public async Task The_institute_roll_up_lists_every_site_and_counts_a_trainee_at_two_sites_once_in_the_total()
    {
        var (terry, _) = await RecordHours();
        await _host.Db(async db =>
        {
            db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteB, PersonId = terry, Role = Roles.Trainee, CreatedAt = LearningRecordHost.Start.UtcDateTime });
            return await db.SaveChangesAsync();
        });
        var report = await _host.Send(new InstituteReport.Query(await _host.IdOf(DemoAccounts.Admin)));
        Assert.Equal(["Harbor Light Recovery Center", "Northway Medication Treatment Center", "Riverside Opioid Treatment Program"], report.Sites.Select(s => s.Name));
        var riverside = report.Sites[2].Numbers;
        // Terry now belongs to Riverside too, but his hours were logged in Harbor Light's group: they stay Harbor Light's (ADR 0012).
        Assert.Equal((2, 2, 1, 2.0m), (riverside.Trainees, riverside.Enrolled, riverside.Completed, riverside.HoursCredited));
        // Northway's one trainee is the demo coach Casey Morgan, who holds a credential and takes no course here.
        Assert.Equal((3, 2, 1, 3.0m, 1), (report.Total.Trainees, report.Total.Enrolled, report.Total.Completed, report.Total.HoursCredited, report.Total.PendingSignOffs));
        Assert.Equal((1, 0), (report.Sites[1].Numbers.Trainees, report.Sites[1].Numbers.Enrolled));
    }

    [Fact]
    public async Task Reports_are_only_for_the_sites_staff_and_the_roll_up_only_for_the_institute()
    {
        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new SiteReport.Query(await _host.IdOf(DemoAccounts.CoordinatorB), DemoData.SiteA)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new SiteReport.Query(await _host.IdOf(DemoAccounts.Trainee), DemoData.SiteA)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new SiteReport.Query(await _host.IdOf(DemoAccounts.Facilitator), DemoData.SiteA)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new InstituteReport.Query(await _host.IdOf(DemoAccounts.Coordinator))));
        await Assert.ThrowsAsync<NotFoundException>(async () => await _host.Send(new SiteReport.Query(await _host.IdOf(DemoAccounts.Admin), Guid.NewGuid())));
        Assert.Equal("Riverside Opioid Treatment Program",
            (await _host.Send(new SiteReport.Query(await _host.IdOf(DemoAccounts.Admin), DemoData.SiteB))).SiteName);
    }

    [Fact]
    public async Task The_csv_exports_write_spreadsheet_formulas_as_text()
    {
        await RecordHours();
        await _host.Db(async db =>
        {
            var site = await db.Sites.SingleAsync(s => s.Id == DemoData.SiteA);
            site.Name = "=HYPERLINK(\"http://evil.example\",\"click\")";
            return await db.SaveChangesAsync();
        });
        var site = SiteReport.ToCsv(await _host.Send(new SiteReport.Query(await _host.IdOf(DemoAccounts.Coordinator), DemoData.SiteA)));
        var lines = site.Split("\r\n");
        Assert.Equal("Site,Measure,Course,Module or domain,Value", lines[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",Trainees,,,1", lines[3]);
        Assert.Contains(",Hours credited,,Recovery and Wellness Support,1", site, StringComparison.Ordinal);
        Assert.Contains(",Reached module,Recovery Coach Training,1. ", site, StringComparison.Ordinal);
        Assert.Contains(",Pending sign-offs,,,1", site, StringComparison.Ordinal);

        var institute = InstituteReport.ToCsv(await _host.Send(new InstituteReport.Query(await _host.IdOf(DemoAccounts.Admin))));
        Assert.StartsWith("Site,State,Status,Trainees,Enrolled,Active,Completed,Withdrawn,Hours credited,Hours waiting for sign-off,Pending sign-offs,Period from,Generated at\r\n\"'=HYPERLINK(", institute, StringComparison.Ordinal);
        Assert.Contains("\r\nAll sites,,,3,2,1,1,0,3,0.75,1,", institute, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reports_count_what_waits_in_the_site_supervisors_queue_practicum_included()
    {
        var (terry, _) = await RecordHours();
        await CredentialsSetup.LogPracticumAsync(_host, terry, PracticumKind.Experience, 2, new DateOnly(2027, 1, 8));
        await CredentialsSetup.LogPracticumAsync(_host, terry, PracticumKind.Supervision, 1, new DateOnly(2027, 1, 9));
        var dennis = await _host.IdOf(DemoAccounts.Supervisor);

        var queue = await _host.Send(new SignOffQueue.Query(dennis));
        var waiting = queue.Groups.Sum(g => g.Items.Count);
        Assert.Equal(3, waiting);
        Assert.Equal(waiting, (await _host.Send(new SiteReport.Query(dennis, DemoData.SiteA))).Numbers.PendingSignOffs);
        var institute = await _host.Send(new InstituteReport.Query(await _host.IdOf(DemoAccounts.Admin)));
        Assert.Equal(waiting, institute.Sites.Single(s => s.SiteId == DemoData.SiteA).Numbers.PendingSignOffs);
        Assert.Equal(waiting, institute.Total.PendingSignOffs);
        Assert.Equal(0, institute.Sites.Single(s => s.SiteId == DemoData.SiteB).Numbers.PendingSignOffs);
    }
}
