using Microsoft.EntityFrameworkCore;
using FluentValidation;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.Cohorts;
using TrainingHub.Features.Sites.Facilitators;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Sites;

public sealed class CohortTests : IAsyncLifetime
{
    private static readonly DateOnly Spring = new(2027, 4, 5);
    private LearningRecordHost _host = null!;

    public async Task InitializeAsync() => _host = await LearningRecordHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Guid> Create(string actor, string courseId, string? facilitatorEmail, Guid? site = null, int capacity = 12) =>
        await _host.Send(new SaveCohort.Command(await _host.IdOf(actor), site ?? DemoData.SiteA, null, "Spring 2027 group", courseId, Spring,
            "Tuesdays, 10 am to 1 pm", DeliveryMode.InPerson, capacity, facilitatorEmail is null ? null : await _host.IdOf(facilitatorEmail)));

    [Fact]
    public async Task A_coordinator_creates_a_cohort_with_a_facilitator_approved_for_its_course_who_then_sees_it()
    {
        var id = await Create(DemoAccounts.Coordinator, "mat", DemoAccounts.Facilitator);

        var cohort = await _host.Db(db => db.Cohorts.SingleAsync(c => c.Id == id));
        Assert.Equal((DemoData.SiteA, "mat", Spring, "Tuesdays, 10 am to 1 pm", 12), (cohort.SiteId, cohort.CourseId, cohort.StartsOn, cohort.Schedule, cohort.Capacity));
        Assert.Equal(await _host.IdOf(DemoAccounts.Facilitator), cohort.FacilitatorId);
        var mine = await _host.Send(new MyCohorts.Query(await _host.IdOf(DemoAccounts.Facilitator)));
        Assert.Contains(mine, c => c.Id == id && c.Name == "Spring 2027 group");
        var list = await _host.Send(new ListCohorts.Query(await _host.IdOf(DemoAccounts.Coordinator), DemoData.SiteA));
        Assert.Equal(["Spring 2027 group", "Winter 2027 Recovery Coach cohort"], list.Cohorts.Select(c => c.Name));
        Assert.Equal(1, await _host.AuditCount(SiteAuditActions.CohortCreated));
    }

    [Fact]
    public async Task Only_a_facilitator_of_the_site_approved_for_the_course_can_be_assigned()
    {
        var notApproved = await Assert.ThrowsAsync<ValidationException>(() => Create(DemoAccounts.Coordinator, "ethics", DemoAccounts.Facilitator));
        Assert.Equal(("FacilitatorId", "This facilitator is not approved by the institute to deliver this course. Choose an approved facilitator, or ask the institute to approve them."),
            (notApproved.Errors.Single().PropertyName, notApproved.Errors.Single().ErrorMessage));
        var notFacilitator = await Assert.ThrowsAsync<ValidationException>(() => Create(DemoAccounts.Coordinator, "mat", DemoAccounts.Supervisor));
        Assert.Equal("Choose one of your site's facilitators.", Assert.Single(notFacilitator.Errors).ErrorMessage);

        await _host.Send(new SetFacilitatorApprovals.Command(await _host.IdOf(DemoAccounts.Admin), await _host.IdOf(DemoAccounts.Facilitator), ["recovery-coach", "mat", "ethics"]));
        var id = await Create(DemoAccounts.Coordinator, "ethics", DemoAccounts.Facilitator);
        Assert.Equal("ethics", await _host.Db(db => db.Cohorts.Where(c => c.Id == id).Select(c => c.CourseId).SingleAsync()));
        Assert.Equal(2, await _host.Db(db => db.Cohorts.CountAsync(c => c.SiteId == DemoData.SiteA)));
    }

    [Fact]
    public async Task Bad_cohort_input_is_refused_field_by_field_and_nothing_is_written()
    {
        var coordinator = await _host.IdOf(DemoAccounts.Coordinator);
        var e = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new SaveCohort.Command(coordinator, DemoData.SiteA, null, "", "no-such-course", null,
            new string('x', 301), (DeliveryMode)42, 0, null)));
        Assert.Equal(["Name", "CourseId", "StartsOn", "Schedule", "DeliveryMode", "Capacity"], e.Errors.Select(f => f.PropertyName));
        var far = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new SaveCohort.Command(coordinator, DemoData.SiteA, null, "Later", "mat",
            new DateOnly(2040, 1, 1), null, DeliveryMode.LiveVirtual, 10, null)));
        Assert.Equal("Enter a start date within the next three years.", Assert.Single(far.Errors).ErrorMessage);
        Assert.Equal(1, await _host.Db(db => db.Cohorts.CountAsync(c => c.SiteId == DemoData.SiteA)));
    }

    [Fact]
    public async Task Cohorts_wait_until_the_site_is_open_and_belong_to_the_coordinators_own_site()
    {
        var notOpen = await Assert.ThrowsAsync<ValidationException>(() => Create(DemoAccounts.CoordinatorC, "mat", null, DemoData.SiteC));
        Assert.Equal("Cohorts can be created once the institute has opened your site.", Assert.Single(notOpen.Errors).ErrorMessage);
        await Assert.ThrowsAsync<ForbiddenException>(() => Create(DemoAccounts.CoordinatorB, "mat", null, DemoData.SiteA));
        await Assert.ThrowsAsync<ForbiddenException>(() => Create(DemoAccounts.Supervisor, "mat", null, DemoData.SiteA));
        var changeB = await _host.IdOf(DemoAccounts.Coordinator);
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new SaveCohort.Command(changeB, DemoData.SiteA, DemoData.CohortB, "Mine now", "ethics", Spring, null, DeliveryMode.InPerson, 10, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new SaveCohort.Command(changeB, DemoData.SiteB, DemoData.CohortB, "Mine now", "ethics", Spring, null, DeliveryMode.InPerson, 10, null)));
        Assert.Equal("Spring 2027 Ethics cohort", await _host.Db(db => db.Cohorts.Where(c => c.Id == DemoData.CohortB).Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_cohort_with_trainees_keeps_its_course_and_enough_places()
    {
        var coordinator = await _host.IdOf(DemoAccounts.Coordinator);
        var facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        var course = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new SaveCohort.Command(coordinator, DemoData.SiteA, DemoData.CohortA, "Winter", "mat",
            new DateOnly(2027, 1, 11), null, DeliveryMode.InPerson, 16, facilitator)));
        Assert.Equal("The course cannot change once trainees are enrolled. Create a new cohort instead.", Assert.Single(course.Errors).ErrorMessage);
        var places = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new SaveCohort.Command(coordinator, DemoData.SiteA, DemoData.CohortA, "Winter", "recovery-coach",
            new DateOnly(2027, 1, 11), null, DeliveryMode.InPerson, 0, facilitator)));
        Assert.Equal("Capacity", Assert.Single(places.Errors).PropertyName);

        await _host.Send(new SaveCohort.Command(coordinator, DemoData.SiteA, DemoData.CohortA, "Winter 2027 group", "recovery-coach",
            new DateOnly(2027, 1, 11), "Mondays", DeliveryMode.Blended, 1, null));
        var cohort = await _host.Db(db => db.Cohorts.SingleAsync(c => c.Id == DemoData.CohortA));
        Assert.Equal(("Winter 2027 group", 1, DeliveryMode.Blended, null), (cohort.Name, cohort.Capacity, cohort.DeliveryMode, cohort.FacilitatorId));
        Assert.Equal(1, await _host.AuditCount(SiteAuditActions.CohortChanged));
    }

    [Fact]
    public async Task The_institute_approves_facilitators_and_cannot_withdraw_an_approval_they_are_using()
    {
        var admin = await _host.IdOf(DemoAccounts.Admin);
        var sam = await _host.IdOf(DemoAccounts.Facilitator);
        var list = await _host.Send(new ListFacilitatorApprovals.Query(admin));
        var facilitator = Assert.Single(list.Facilitators);
        Assert.Equal("Sam Whitfield", facilitator.FullName);
        Assert.Equal(["Harbor Light Recovery Center"], facilitator.Sites);
        Assert.Equal(["Winter 2027 Recovery Coach cohort"], facilitator.Facilitates);
        Assert.Equal(["mat", "recovery-coach"], facilitator.Approvals.Select(a => a.CourseId).Order());

        var inUse = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new SetFacilitatorApprovals.Command(admin, sam, ["ethics"])));
        Assert.StartsWith("They facilitate \"Winter 2027 Recovery Coach cohort\"", Assert.Single(inUse.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, await _host.Db(db => db.FacilitatorApprovals.CountAsync(a => a.PersonId == sam && a.RevokedAt == null)));

        await _host.Send(new SetFacilitatorApprovals.Command(admin, sam, ["recovery-coach", "ethics"]));
        var approvals = await _host.Db(db => db.FacilitatorApprovals.Where(a => a.PersonId == sam).ToListAsync());
        Assert.Equal(["ethics", "recovery-coach"], approvals.Where(a => a.RevokedAt == null).Select(a => a.CourseId).Order());
        Assert.NotNull(approvals.Single(a => a.CourseId == "mat").RevokedAt);
        var matCohort = await Assert.ThrowsAsync<ValidationException>(() => Create(DemoAccounts.Coordinator, "mat", DemoAccounts.Facilitator));
        Assert.Equal("FacilitatorId", Assert.Single(matCohort.Errors).PropertyName);

        await _host.Send(new SetFacilitatorApprovals.Command(admin, sam, ["recovery-coach", "ethics", "mat"]));
        Assert.Equal(3, await _host.Db(db => db.FacilitatorApprovals.CountAsync(a => a.PersonId == sam && a.RevokedAt == null)));
        Assert.Equal(1, await _host.AuditCount(SiteAuditActions.FacilitatorApprovalRevoked));

        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new SetFacilitatorApprovals.Command(await _host.IdOf(DemoAccounts.Coordinator), sam, [])));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new ListFacilitatorApprovals.Query(await _host.IdOf(DemoAccounts.Coordinator))));
        await Assert.ThrowsAsync<NotFoundException>(async () => await _host.Send(new SetFacilitatorApprovals.Command(admin, await _host.IdOf(DemoAccounts.Trainee), ["mat"])));
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new SetFacilitatorApprovals.Command(admin, sam, ["astrology"])));
        Assert.Equal("Choose courses from the list.", Assert.Single(unknown.Errors).ErrorMessage);
    }
}
