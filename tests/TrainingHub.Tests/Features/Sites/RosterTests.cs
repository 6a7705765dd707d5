using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.Cohorts;
using TrainingHub.Features.Sites.People;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Sites;

public sealed class RosterTests : IAsyncLifetime
{
    private const string File = $$"""
        name,email,role
        Alex Rivera,alex.rivera@example.org,trainee
        "Chen, Jamie",jamie.chen@example.org,
        Pat Moore,pat.moore@example.org,supervisor
        Lou Grant,not-an-email,trainee
        Alex Again,ALEX.RIVERA@example.org,trainee
        Terry Jackson,{{DemoAccounts.Trainee}},trainee
        """;

    private LearningRecordHost _host = null!;
    private string _coordinator = "";

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartAsync();
        _coordinator = await _host.IdOf(DemoAccounts.Coordinator);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private sealed record Counts(int People, int Memberships, int Enrollments, int Invitations, int Audit);

    private Task<Counts> CountAll() => _host.Db(async db => new Counts(await db.Users.CountAsync(), await db.SiteMemberships.CountAsync(),
        await db.Enrollments.CountAsync(), await db.Invitations.CountAsync(), await db.AuditEvents.CountAsync()));

    [Fact]
    public async Task The_preview_says_what_each_line_would_do_and_changes_nothing()
    {
        var before = await CountAll();
        var preview = await _host.Send(new PreviewRoster.Query(_coordinator, DemoData.SiteA, DemoData.CohortA, File));

        Assert.Equal(
        [
            (2, RosterPlanner.Outcome.Invite, null), (3, RosterPlanner.Outcome.Invite, null), (4, RosterPlanner.Outcome.Invite, null),
            (5, RosterPlanner.Outcome.Problem, "Line 5: \"not-an-email\" is not an email address like name@example.org."),
            (6, RosterPlanner.Outcome.Problem, "Line 6: ALEX.RIVERA@example.org is also on line 2. Each person needs only one line."),
            (7, RosterPlanner.Outcome.AlreadyThere, null),
        ], preview.Rows.Select(r => (r.Line, r.Outcome, r.Problem)));
        Assert.Equal((3, 1, 2, true), (preview.ToInvite, preview.AlreadyThere, preview.Problems, preview.CanApply));
        Assert.Equal(before, await CountAll());
        Assert.Empty(Mailbox.All(_host.Folder));
    }

    [Fact]
    public async Task Applying_invites_the_valid_rows_and_applying_the_same_file_again_adds_no_one_twice()
    {
        var before = await CountAll();
        var result = await _host.Send(new ApplyRoster.Command(_coordinator, DemoData.SiteA, DemoData.CohortA, File));
        Assert.Equal(new ApplyRoster.Result(3, 0, 1, 2, 0), result);

        var after = await CountAll();
        Assert.Equal(before.People + 3, after.People);
        Assert.Equal(before.Memberships + 3, after.Memberships);
        Assert.Equal(before.Enrollments + 2, after.Enrollments);
        Assert.Equal(before.Invitations + 3, after.Invitations);
        var alex = await _host.Db(db => db.Enrollments.SingleAsync(e => e.PersonId == db.Users.Single(u => u.Email == "alex.rivera@example.org").Id));
        Assert.Equal((DemoData.CohortA, "recovery-coach", EnrollmentStatus.Active), (alex.CohortId, alex.CourseId, alex.Status));
        Assert.Equal([Roles.Supervisor], await _host.Db(db => db.SiteMemberships.Where(m => m.PersonId == db.Users.Single(u => u.Email == "pat.moore@example.org").Id).Select(m => m.Role).ToListAsync()));
        Assert.Equal(3, Mailbox.All(_host.Folder).Count);
        Assert.Contains("in the group \"Winter 2027 Recovery Coach cohort\"", Mailbox.To(_host.Folder, "alex.rivera@example.org").Single().Body, StringComparison.Ordinal);
        Assert.Contains("as a supervisor", Mailbox.To(_host.Folder, "pat.moore@example.org").Single().Body, StringComparison.Ordinal);

        var again = await _host.Send(new ApplyRoster.Command(_coordinator, DemoData.SiteA, DemoData.CohortA, File));
        Assert.Equal(new ApplyRoster.Result(0, 0, 4, 2, 0), again);
        Assert.Equal(after with { Audit = 0 }, await CountAll() with { Audit = 0 });
        Assert.Equal(3, Mailbox.All(_host.Folder).Count);
        Assert.Equal(2, await _host.AuditCount(SiteAuditActions.RosterApplied));
    }

    [Fact]
    public async Task An_invited_trainee_chooses_a_password_and_finds_the_course_waiting()
    {
        await _host.Send(new ApplyRoster.Command(_coordinator, DemoData.SiteA, DemoData.CohortA, "name,email\nAlex Rivera,alex.rivera@example.org\n"));
        var token = Mailbox.LatestToken(_host.Folder, "alex.rivera@example.org");
        var result = await _host.Send(new AcceptInvitation.Command(token, "Alex Rivera", "a garden of patient words", "a garden of patient words"));
        Assert.Equal((Roles.Trainee, DemoData.SiteA), (result.Role, result.SiteId));
        var courses = await _host.Send(new TrainingHub.Features.Enrollments.MyCourses.Query(result.PersonId));
        Assert.Equal("recovery-coach", Assert.Single(courses).CourseId);
        var roster = await _host.Send(new GetCohortRoster.Query(_coordinator, DemoData.SiteA, DemoData.CohortA));
        Assert.True(roster.Trainees.Single(t => t.FullName == "Alex Rivera").HasSignedIn);
    }

    [Fact]
    public async Task Rows_beyond_the_cohorts_places_and_people_in_another_group_are_left_out()
    {
        await _host.Send(new SaveCohort.Command(_coordinator, DemoData.SiteA, DemoData.CohortA, "Winter 2027 Recovery Coach cohort", "recovery-coach",
            new DateOnly(2027, 1, 11), null, DeliveryMode.InPerson, 2, await _host.IdOf(DemoAccounts.Facilitator)));
        var other = await _host.Send(new SaveCohort.Command(_coordinator, DemoData.SiteA, null, "Evening group", "recovery-coach",
            new DateOnly(2027, 2, 1), null, DeliveryMode.LiveVirtual, 10, null));
        await _host.Send(new ApplyRoster.Command(_coordinator, DemoData.SiteA, other, "name,email\nKim Lee,kim.lee@example.org\n"));

        var preview = await _host.Send(new PreviewRoster.Query(_coordinator, DemoData.SiteA, DemoData.CohortA,
            "name,email\nAna Diaz,ana@example.org\nBo Park,bo@example.org\nKim Lee,kim.lee@example.org\n"));
        Assert.Equal(RosterPlanner.Outcome.Invite, preview.Rows[0].Outcome);
        Assert.Equal("Line 3: The cohort is full: it has 2 places. Raise its capacity, or put this person in another cohort.", preview.Rows[1].Problem);
        Assert.Equal("Line 4: kim.lee@example.org is already taking this course with another group. Ask the institute to move them.", preview.Rows[2].Problem);
    }

    [Fact]
    public async Task Someone_who_already_has_an_account_gets_a_pending_invitation_and_joins_only_when_they_accept_signed_in()
    {
        var result = await _host.Send(new ApplyRoster.Command(_coordinator, DemoData.SiteA, DemoData.CohortA,
            $"name,email,role\nLena Brooks,{DemoAccounts.TraineeB},trainee\nDennis,{DemoAccounts.Supervisor},supervisor\n"));
        Assert.Equal((1, 0, 1), (result.Invited, result.Added, result.AlreadyThere));
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        Task<bool> AtSiteA() => _host.Db(db => db.SiteMemberships.AnyAsync(m => m.PersonId == lena && m.SiteId == DemoData.SiteA));
        Task<bool> InCohortA() => _host.Db(db => db.Enrollments.AnyAsync(e => e.PersonId == lena && e.CohortId == DemoData.CohortA));
        Assert.False(await AtSiteA());
        Assert.False(await InCohortA());
        var mail = Mailbox.To(_host.Folder, DemoAccounts.TraineeB).Single();
        Assert.Equal("Harbor Light Recovery Center invites you to join them on TrainingHub", mail.Subject);
        Assert.Contains("Nothing changes unless you accept", mail.Body, StringComparison.Ordinal);
        var token = Mailbox.LatestToken(_host.Folder, DemoAccounts.TraineeB);

        var notHer = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AcceptInvitation.Command(token, "", "", "", _coordinator)));
        Assert.Equal($"This invitation is for the account {DemoAccounts.TraineeB}. Sign in with it, then open the link again to accept.", Assert.Single(notHer.Errors).ErrorMessage);
        Assert.False(await AtSiteA());

        var accepted = await _host.Send(new AcceptInvitation.Command(token, "", "", "", lena));
        Assert.True(accepted.AlreadyHadPassword);
        Assert.True(await AtSiteA());
        Assert.True(await InCohortA());
        Assert.True(await _host.Db(db => db.AuditEvents.AnyAsync(e => e.ActorId == lena && e.Action == SiteAuditActions.InvitationAccepted && e.Details!.Contains(DemoData.SiteA.ToString()))));
        Assert.Equal("Lena Brooks", await _host.Db(db => db.Users.Where(u => u.Id == lena).Select(u => u.FullName).SingleAsync()));
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_refused_whole()
    {
        var before = await CountAll();
        var e = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new ApplyRoster.Command(_coordinator, DemoData.SiteA, DemoData.CohortA, "first,last\nAna,Diaz\n")));
        Assert.StartsWith("Line 1: the first line must name the columns", Assert.Single(e.Errors).ErrorMessage, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new PreviewRoster.Query(_coordinator, DemoData.SiteA, DemoData.CohortA, "")));
        Assert.Equal("Choose a roster file (CSV) to upload.", Assert.Single(empty.Errors).ErrorMessage);
        var huge = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new ApplyRoster.Command(_coordinator, DemoData.SiteA, DemoData.CohortA, new string('a', RosterFile.MaxCharacters + 1))));
        Assert.StartsWith("The file is too large.", Assert.Single(huge.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, await CountAll());
    }

    [Fact]
    public async Task Only_the_sites_coordinator_can_preview_or_apply_a_roster_for_its_cohort()
    {
        var before = await CountAll();
        const string csv = "name,email\nAna Diaz,ana@example.org\n";
        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new ApplyRoster.Command(await _host.IdOf(DemoAccounts.CoordinatorB), DemoData.SiteA, DemoData.CohortA, csv)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new PreviewRoster.Query(await _host.IdOf(DemoAccounts.Supervisor), DemoData.SiteA, DemoData.CohortA, csv)));
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new ApplyRoster.Command(_coordinator, DemoData.SiteA, DemoData.CohortB, csv)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new ApplyRoster.Command(_coordinator, DemoData.SiteB, DemoData.CohortB, csv)));
        Assert.Equal(before, await CountAll());
    }

    [Fact]
    public async Task Inviting_one_person_checks_the_role_the_cohort_and_who_is_already_there()
    {
        var invited = await _host.Send(new InvitePerson.Command(_coordinator, DemoData.SiteA, null, "Pat Moore", "pat.moore@example.org", Roles.Facilitator));
        Assert.True(invited.Invited && invited.EmailSent);
        var people = await _host.Send(new ListSitePeople.Query(_coordinator, DemoData.SiteA));
        var pat = people.People.Single(p => p.Email == "pat.moore@example.org");
        Assert.Equal([Roles.Facilitator], pat.Roles);
        Assert.False(pat.HasSignedIn);

        var twice = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new InvitePerson.Command(_coordinator, DemoData.SiteA, null, "Pat Moore", "PAT.MOORE@example.org", Roles.Facilitator)));
        Assert.Equal(("Email", "PAT.MOORE@example.org is already a facilitator at this site."), (twice.Errors.Single().PropertyName, twice.Errors.Single().ErrorMessage));
        var bad = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new InvitePerson.Command(_coordinator, DemoData.SiteA, null, "", "pat", Roles.Trainee)));
        Assert.Equal(["FullName", "Email", "CohortId"], bad.Errors.Select(e => e.PropertyName));
        var admin = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new InvitePerson.Command(_coordinator, DemoData.SiteA, null, "Ana Diaz", "ana@example.org", Roles.InstituteAdmin)));
        Assert.Equal("Choose the person's role.", Assert.Single(admin.Errors).ErrorMessage);
        var otherCohort = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new InvitePerson.Command(_coordinator, DemoData.SiteA, DemoData.CohortB, "Ana Diaz", "ana@example.org", Roles.Trainee)));
        Assert.Equal("Choose one of your site's cohorts.", Assert.Single(otherCohort.Errors).ErrorMessage);
        var inCohort = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new InvitePerson.Command(_coordinator, DemoData.SiteA, DemoData.CohortA, "Terry", DemoAccounts.Trainee, Roles.Trainee)));
        Assert.Equal($"{DemoAccounts.Trainee} is already in this cohort.", Assert.Single(inCohort.Errors).ErrorMessage);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new InvitePerson.Command(await _host.IdOf(DemoAccounts.CoordinatorB), DemoData.SiteA, null, "Ana Diaz", "ana@example.org", Roles.Supervisor)));
        var notOpen = await Assert.ThrowsAsync<ValidationException>(async () => await _host.Send(new InvitePerson.Command(await _host.IdOf(DemoAccounts.CoordinatorC), DemoData.SiteC, null, "Ana Diaz", "ana@example.org", Roles.Supervisor)));
        Assert.Equal("People can be invited once the institute has opened your site.", Assert.Single(notOpen.Errors).ErrorMessage);
        Assert.False(await _host.Db(db => db.Users.AnyAsync(u => u.Email == "ana@example.org")));
    }

    [Fact]
    public async Task When_one_row_fails_while_applying_no_row_is_applied()
    {
        await using var host = await TestHost.StartAsync(configure: services => services.AddScoped<IUserValidator<Person>, RefusesOneAddress>());
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var coordinator = await db.Users.Where(u => u.Email == DemoAccounts.Coordinator).Select(u => u.Id).SingleAsync();
        var before = (await db.Users.CountAsync(), await db.SiteMemberships.CountAsync(), await db.Enrollments.CountAsync(), await db.Invitations.CountAsync());

        var e = await Assert.ThrowsAsync<ValidationException>(() => scope.ServiceProvider.GetRequiredService<ISender>().Send(new ApplyRoster.Command(coordinator, DemoData.SiteA, DemoData.CohortA,
            "name,email\nAna Diaz,ana@example.org\nBo Park,bo@example.org\nRefused Person,refused@example.org\n")).AsTask());
        Assert.Equal("This address cannot have an account.", Assert.Single(e.Errors).ErrorMessage);

        db.ChangeTracker.Clear();
        Assert.Equal(before, (await db.Users.CountAsync(), await db.SiteMemberships.CountAsync(), await db.Enrollments.CountAsync(), await db.Invitations.CountAsync()));
        Assert.Empty(Mailbox.All(host.Folder));
    }

    private sealed class RefusesOneAddress : IUserValidator<Person>
    {
        public Task<IdentityResult> ValidateAsync(UserManager<Person> manager, Person user) => Task.FromResult(user.Email == "refused@example.org"
            ? IdentityResult.Failed(new IdentityError { Code = "Refused", Description = "This address cannot have an account." })
            : IdentityResult.Success);
    }
}
