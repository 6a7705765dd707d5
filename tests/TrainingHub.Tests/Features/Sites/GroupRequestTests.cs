using FluentValidation;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites;
using TrainingHub.Features.Sites.Cohorts;

namespace TrainingHub.Tests.Features.Sites;

/// <summary>
/// A trainee who enrolled on their own asks to join a group; the coordinator of their site (and only theirs) accepts
/// into a group of the course or declines with a reason; both are audited and the trainee is told by e-mail.
/// </summary>
public sealed class GroupRequestTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private string _lena = "";
    private string _grace = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _lena = await _host.IdOf(DemoAccounts.TraineeB);
        _grace = await _host.IdOf(DemoAccounts.CoordinatorB);
        await _host.Send(new Enroll.Command(_lena, "ethics"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Guid> Ask(string? note = null) => _host.Send(new AskToJoinGroup.Command(_lena, "ethics", note));

    private Task<GroupRequest> Request(Guid id) => _host.Db(db => db.GroupRequests.AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<Guid?> LenasGroup() => _host.Db(db => db.Enrollments.Where(e => e.PersonId == _lena && e.CourseId == "ethics").Select(e => e.CohortId).SingleAsync());

    private Task<int> Audits(string action) => _host.Db(db => db.AuditEvents.CountAsync(a => a.Action == action));

    [Fact]
    public async Task Asking_is_audited_once_shows_on_the_trainees_home_and_waits_for_the_coordinator()
    {
        var id = await Ask("Weekday mornings suit me");
        Assert.Equal(id, await Ask());
        Assert.Equal(1, await Audits(GroupRequestAuditActions.Asked));
        var request = await Request(id);
        Assert.Equal((DemoData.SiteB, GroupRequestStatus.Waiting, "Weekday mornings suit me"), (request.SiteId, request.Status, request.Note));
        var home = Assert.Single(await _host.Send(new MyCourses.Query(_lena)));
        Assert.Equal(GroupRequestStatus.Waiting, home.GroupRequest?.Status);

        var listed = Assert.Single((await _host.Send(new ListGroupRequests.Query(_grace, DemoData.SiteB))).Waiting);
        Assert.Equal(("Lena Brooks", "Weekday mornings suit me"), (listed.PersonName, listed.Note));
        Assert.Equal(DemoData.CohortB, Assert.Single(listed.Groups).CohortId);
        Assert.Equal(1, (await _host.Send(new MyStaffSites.Query(_grace))).Single(s => s.Id == DemoData.SiteB).GroupRequestsWaiting);
    }

    [Fact]
    public async Task Accepting_puts_the_trainee_in_the_group_audits_it_and_emails_them()
    {
        var id = await Ask();
        await _host.Send(new AnswerGroupRequest.Command(_grace, DemoData.SiteB, id, true, DemoData.CohortB, null));

        Assert.Equal(DemoData.CohortB, await LenasGroup());
        var request = await Request(id);
        Assert.Equal((GroupRequestStatus.Accepted, DemoData.CohortB, _grace), (request.Status, request.CohortId, request.AnsweredById));
        Assert.Equal(1, await Audits(GroupRequestAuditActions.Accepted));
        Assert.Equal(0, Assert.Single(await _host.Send(new MyCourses.Query(_lena))).LiveLessonsNeedGroup);
        Assert.Empty((await _host.Send(new ListGroupRequests.Query(_grace, DemoData.SiteB))).Waiting);

        Assert.Equal(1, await _host.Send(new DispatchOutbox.Command()));
        var mail = Assert.Single(Mailbox.To(_host.Folder, DemoAccounts.TraineeB));
        Assert.Equal("You are in a group for Ethics for Recovery Coaches", mail.Subject);
        Assert.Contains("Spring 2027 Ethics cohort", mail.Body, StringComparison.Ordinal);
        Assert.Contains("/courses/ethics", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_needs_a_reason_which_the_trainee_reads_and_they_may_ask_again()
    {
        var id = await Ask();
        var noReason = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AnswerGroupRequest.Command(_grace, DemoData.SiteB, id, false, null, " ")));
        Assert.Contains("Say why", noReason.Message, StringComparison.Ordinal);
        Assert.Equal(GroupRequestStatus.Waiting, (await Request(id)).Status);

        await _host.Send(new AnswerGroupRequest.Command(_grace, DemoData.SiteB, id, false, null, "The next group starts in March; ask again then."));
        Assert.Null(await LenasGroup());
        Assert.Equal(1, await Audits(GroupRequestAuditActions.Declined));
        var home = Assert.Single(await _host.Send(new MyCourses.Query(_lena)));
        Assert.Equal((GroupRequestStatus.Declined, "The next group starts in March; ask again then."), (home.GroupRequest?.Status, home.GroupRequest?.DeclineReason));
        Assert.Equal(1, await _host.Send(new DispatchOutbox.Command()));
        Assert.Contains("The next group starts in March", Assert.Single(Mailbox.To(_host.Folder, DemoAccounts.TraineeB)).Body, StringComparison.Ordinal);

        Assert.NotEqual(id, await Ask());
    }

    [Fact]
    public async Task Bad_answers_are_refused_with_a_reason_and_write_nothing()
    {
        var id = await Ask();
        var other = Guid.NewGuid();
        await _host.Db(async db =>
        {
            db.Cohorts.Add(new Cohort
            {
                Id = other, SiteId = DemoData.SiteB, CourseId = "mat", Name = "MAT evenings", StartsOn = new DateOnly(2027, 2, 1),
                DeliveryMode = DeliveryMode.InPerson, Capacity = 10, CreatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        async Task<string> Refused(Guid? cohort) =>
            (await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AnswerGroupRequest.Command(_grace, DemoData.SiteB, id, true, cohort, null)))).Message;

        Assert.Contains("Choose the group", await Refused(null), StringComparison.Ordinal);
        Assert.Contains("Choose one of your site's groups for this course", await Refused(other), StringComparison.Ordinal);
        Assert.Contains("Choose one of your site's groups for this course", await Refused(DemoData.CohortA), StringComparison.Ordinal);
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => Ask(new string('x', 501)));
        Assert.Contains("500 characters", tooLong.Message, StringComparison.Ordinal);
        var terry = await _host.IdOf(DemoAccounts.Trainee);
        var inGroup = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AskToJoinGroup.Command(terry, "recovery-coach", null)));
        Assert.Contains("already in a group", inGroup.Message, StringComparison.Ordinal);
        var notEnrolled = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AskToJoinGroup.Command(_lena, "mat", null)));
        Assert.Contains("Enrol in this course first", notEnrolled.Message, StringComparison.Ordinal);

        Assert.Null(await LenasGroup());
        Assert.Equal(GroupRequestStatus.Waiting, (await Request(id)).Status);
        Assert.Equal(0, await Audits(GroupRequestAuditActions.Accepted));
        Assert.Equal(0, await _host.Db(db => db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.GroupRequestAnswerEmail)));
    }

    [Fact]
    public async Task A_coordinator_of_another_site_cannot_see_or_answer_the_request()
    {
        var id = await Ask();
        var rosa = await _host.IdOf(DemoAccounts.Coordinator);
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new AnswerGroupRequest.Command(rosa, DemoData.SiteB, id, true, DemoData.CohortB, null)));
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new AnswerGroupRequest.Command(rosa, DemoData.SiteA, id, true, DemoData.CohortA, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new ListGroupRequests.Query(rosa, DemoData.SiteB)));
        Assert.Empty((await _host.Send(new ListGroupRequests.Query(rosa, DemoData.SiteA))).Waiting);
        var supervisorB = await _host.IdOf(DemoAccounts.SupervisorB);
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new AnswerGroupRequest.Command(supervisorB, DemoData.SiteB, id, true, DemoData.CohortB, null)));
        Assert.Null(await LenasGroup());
        Assert.Equal(GroupRequestStatus.Waiting, (await Request(id)).Status);
    }

    [Fact]
    public async Task Two_answers_at_once_leave_one_answer_one_audit_and_one_email()
    {
        var id = await Ask();
        var admin = await _host.IdOf(DemoAccounts.Admin);
        var answers = await Task.WhenAll(
            Answer(_grace, true, DemoData.CohortB, null),
            Answer(admin, false, null, "No places this term."));
        Assert.Equal(1, answers.Count(a => a));
        Assert.Equal(1, await Audits(GroupRequestAuditActions.Accepted) + await Audits(GroupRequestAuditActions.Declined));
        Assert.Equal(1, await _host.Db(db => db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.GroupRequestAnswerEmail)));

        async Task<bool> Answer(string actor, bool accept, Guid? cohort, string? reason)
        {
            try
            {
                await _host.Send(new AnswerGroupRequest.Command(actor, DemoData.SiteB, id, accept, cohort, reason));
                return true;
            }
            catch (ValidationException e)
            {
                Assert.Contains("already answered", e.Message, StringComparison.Ordinal);
                return false;
            }
        }
    }
}
