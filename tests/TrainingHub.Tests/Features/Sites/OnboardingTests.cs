using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using FluentValidation;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.Onboarding;
using TrainingHub.Features.Sites.People;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Sites;

public sealed class OnboardingTests : IAsyncLifetime
{
    private const string Password = "three quiet harbour lights";
    private LearningRecordHost _host = null!;

    public async Task InitializeAsync() => _host = await LearningRecordHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Guid> InviteLakeside(string email = "dana.fox@example.org") =>
        (await _host.Send(new InviteSite.Command(await _host.IdOf(DemoAccounts.Admin), "Lakeside Recovery Network", "CT", "Dana Fox", email))).SiteId;

    private async Task<string> AcceptLatest(string email, string name = "Dana Fox")
    {
        var token = Mailbox.LatestToken(_host.Folder, email);
        await _host.Send(new AcceptInvitation.Command(token, name, Password, Password));
        return token;
    }

    private async Task FillIn(Guid siteId, string coordinatorId)
    {
        await _host.Send(new SaveSiteProfile.Command(coordinatorId, siteId, "1 Lake Road", "New Haven", "06510", "opioid-treatment-programme", "icrc"));
        await _host.Send(new SaveReadinessChecklist.Command(coordinatorId, siteId,
        [
            new("peer-space", true, "Room 2"), new("programme-champion", true, "Dr Ada Obi, medical director"), new("peer-leaders", true, null),
            new("facilitator-trained", true, "Sam Whitfield"), new("agreement-signed", true, null),
        ]));
    }

    [Fact]
    public async Task Inviting_a_site_creates_it_with_a_coordinator_who_has_no_password_and_emails_a_single_use_link()
    {
        var siteId = await InviteLakeside();

        var (site, person, invitation, membership, profile) = await _host.Db(async db => (
            await db.Sites.SingleAsync(s => s.Id == siteId),
            await db.Users.SingleAsync(u => u.Email == "dana.fox@example.org"),
            await db.Invitations.SingleAsync(i => i.SiteId == siteId),
            await db.SiteMemberships.SingleAsync(m => m.SiteId == siteId),
            await db.SiteProfiles.SingleOrDefaultAsync(p => p.SiteId == siteId)));
        Assert.Equal(SiteStatus.Invited, site.Status);
        Assert.Equal("CT", site.State);
        Assert.Null(person.PasswordHash);
        Assert.Equal("Dana Fox", person.FullName);
        Assert.Equal((Roles.SiteCoordinator, person.Id), (membership.Role, membership.PersonId));
        Assert.NotNull(profile);
        Assert.Equal(LearningRecordHost.Start.UtcDateTime.AddDays(7), invitation.ExpiresAt);

        var mail = Assert.Single(Mailbox.To(_host.Folder, "dana.fox@example.org"));
        Assert.Equal("Lakeside Recovery Network is invited to run the peer recovery coach training", mail.Subject);
        var token = Mailbox.LatestToken(_host.Folder, "dana.fox@example.org");
        Assert.Contains($"http://localhost:5000/account/join/{token}", mail.Body, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", invitation.TokenHash);
        Assert.Equal(InvitationLinks.Hash(token), invitation.TokenHash);
        Assert.False(await _host.Db(db => db.Invitations.AnyAsync(i => i.TokenHash == token)));
        Assert.Equal(1, await _host.AuditCount(SiteAuditActions.SiteInvited));
    }

    [Fact]
    public async Task The_link_sets_the_password_once_and_moves_the_site_into_onboarding()
    {
        var siteId = await InviteLakeside();
        var token = Mailbox.LatestToken(_host.Folder, "dana.fox@example.org");
        var link = await _host.Send(new GetInvitation.Query(token));
        Assert.Equal((GetInvitation.LinkState.Valid, "Dana Fox", "Lakeside Recovery Network", Roles.SiteCoordinator), (link.State, link.FullName, link.SiteName, link.Role));

        var result = await _host.Send(new AcceptInvitation.Command(token, "Dana M. Fox", Password, Password));
        Assert.Equal((siteId, SiteStatus.Onboarding, false), (result.SiteId, result.SiteStatus, result.AlreadyHadPassword));
        await using (var scope = _host.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var person = (await users.FindByEmailAsync("dana.fox@example.org"))!;
            Assert.True(await users.CheckPasswordAsync(person, Password));
            Assert.True(person.EmailConfirmed);
            Assert.Equal("Dana M. Fox", person.FullName);
        }
        Assert.Equal(SiteStatus.Onboarding, await _host.Db(db => db.Sites.Where(s => s.Id == siteId).Select(s => s.Status).SingleAsync()));

        var again = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AcceptInvitation.Command(token, "Someone Else", "another long pass phrase", "another long pass phrase")));
        Assert.Equal("This link has already been used. Sign in with the password you chose.", Assert.Single(again.Errors).ErrorMessage);
        Assert.Equal(GetInvitation.LinkState.Used, (await _host.Send(new GetInvitation.Query(token))).State);
        Assert.Equal(1, await _host.AuditCount(SiteAuditActions.InvitationAccepted));
    }

    [Fact]
    public async Task A_link_stops_working_after_the_configured_number_of_days()
    {
        await using var host = await LearningRecordHost.StartAsync(new Dictionary<string, string?> { ["Invitations:LinkDays"] = "2" });
        await host.Send(new InviteSite.Command(await host.IdOf(DemoAccounts.Admin), "Lakeside Recovery Network", "CT", "Dana Fox", "dana.fox@example.org"));
        var token = Mailbox.LatestToken(host.Folder, "dana.fox@example.org");
        host.Clock.Advance(TimeSpan.FromDays(2).Subtract(TimeSpan.FromMinutes(1)));
        Assert.Equal(GetInvitation.LinkState.Valid, (await host.Send(new GetInvitation.Query(token))).State);
        host.Clock.Advance(TimeSpan.FromMinutes(2));

        var link = await host.Send(new GetInvitation.Query(token));
        Assert.Equal((GetInvitation.LinkState.Expired, null, "TrainingHub Institute"), (link.State, link.FullName, link.AskWhom));
        var e = await Assert.ThrowsAsync<ValidationException>(() => host.Send(new AcceptInvitation.Command(token, "Dana Fox", Password, Password)));
        Assert.Equal("This link has expired. Ask for a new one.", Assert.Single(e.Errors).ErrorMessage);
        Assert.Null(await host.Db(db => db.Users.Where(u => u.Email == "dana.fox@example.org").Select(u => u.PasswordHash).SingleAsync()));
    }

    [Fact]
    public async Task A_new_link_replaces_the_earlier_one()
    {
        var siteId = await InviteLakeside();
        var first = Mailbox.LatestToken(_host.Folder, "dana.fox@example.org");
        var dana = await _host.IdOf("dana.fox@example.org");
        _host.Clock.Advance(TimeSpan.FromDays(9));
        Assert.True((await _host.Send(new OnboardingBoard.Query(await _host.IdOf(DemoAccounts.Admin)))).Sites.Single(s => s.SiteId == siteId).LinkExpired);

        var resent = await _host.Send(new ResendInvitation.Command(await _host.IdOf(DemoAccounts.Admin), siteId, dana));
        Assert.True(resent.EmailSent);
        var second = Mailbox.LatestToken(_host.Folder, "dana.fox@example.org");
        Assert.NotEqual(first, second);
        Assert.Equal(GetInvitation.LinkState.Expired, (await _host.Send(new GetInvitation.Query(first))).State);
        await _host.Send(new AcceptInvitation.Command(second, "Dana Fox", Password, Password));
        var board = await _host.Send(new OnboardingBoard.Query(await _host.IdOf(DemoAccounts.Admin)));
        Assert.Equal(SiteStatus.Onboarding, board.Sites.Single(s => s.SiteId == siteId).Status);

        var e = await Assert.ThrowsAsync<ValidationException>(async () => await _host.Send(new ResendInvitation.Command(await _host.IdOf(DemoAccounts.Admin), siteId, dana)));
        Assert.StartsWith("Dana Fox has already chosen a password.", Assert.Single(e.Errors).ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task An_unknown_link_says_nothing_about_anyone(string token)
    {
        var link = await _host.Send(new GetInvitation.Query(token));
        Assert.Equal(new GetInvitation.Result(GetInvitation.LinkState.Unknown, null, null, null, null, null), link);
        var e = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AcceptInvitation.Command(token, "Anyone", Password, Password)));
        Assert.Contains(e.Errors, f => f.PropertyName == nameof(AcceptInvitation.Command.Token));
    }

    [Fact]
    public async Task Choosing_a_password_refuses_bad_input_and_keeps_the_link_usable()
    {
        await InviteLakeside();
        var token = Mailbox.LatestToken(_host.Folder, "dana.fox@example.org");

        var mismatch = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AcceptInvitation.Command(token, "", "short", "different")));
        Assert.Equal(["FullName", "ConfirmPassword"], mismatch.Errors.Select(e => e.PropertyName));
        var weak = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new AcceptInvitation.Command(token, "Dana Fox", "short", "short")));
        Assert.All(weak.Errors, e => Assert.Equal("Password", e.PropertyName));
        Assert.Equal(GetInvitation.LinkState.Valid, (await _host.Send(new GetInvitation.Query(token))).State);
        Assert.Null(await _host.Db(db => db.Invitations.Select(i => i.AcceptedAt).SingleAsync()));
    }

    [Fact]
    public async Task Only_the_institute_invites_a_site_and_bad_input_names_each_field()
    {
        var sites = await _host.Db(db => db.Sites.CountAsync());
        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await _host.Send(new InviteSite.Command(await _host.IdOf(DemoAccounts.Coordinator), "Lakeside", "CT", "Dana Fox", "dana.fox@example.org")));

        var admin = await _host.IdOf(DemoAccounts.Admin);
        var e = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new InviteSite.Command(admin, " ", "ZZ", "", "dana fox@example")));
        Assert.Equal(["SiteName", "State", "CoordinatorName", "CoordinatorEmail"], e.Errors.Select(f => f.PropertyName));
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new InviteSite.Command(admin, "Harbor Light Recovery Center", "NY", "Dana Fox", "dana.fox@example.org")));
        Assert.StartsWith("A site with this name already exists.", Assert.Single(duplicate.Errors).ErrorMessage, StringComparison.Ordinal);

        Assert.Equal(sites, await _host.Db(db => db.Sites.CountAsync()));
        Assert.False(await _host.Db(db => db.Users.AnyAsync(u => u.Email == "dana.fox@example.org")));
        Assert.Empty(Mailbox.All(_host.Folder));
    }

    [Fact]
    public async Task A_coordinator_who_already_has_an_account_is_added_and_the_site_goes_straight_to_onboarding()
    {
        var siteId = await InviteLakeside(DemoAccounts.CoordinatorB);
        Assert.Equal(SiteStatus.Onboarding, await _host.Db(db => db.Sites.Where(s => s.Id == siteId).Select(s => s.Status).SingleAsync()));
        Assert.False(await _host.Db(db => db.Invitations.AnyAsync(i => i.SiteId == siteId)));
        var mail = Assert.Single(Mailbox.To(_host.Folder, DemoAccounts.CoordinatorB));
        Assert.Contains("Sign in with the email address and password you already use", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/join/", mail.Body, StringComparison.Ordinal);
        var onboarding = await _host.Send(new GetSiteOnboarding.Query(await _host.IdOf(DemoAccounts.CoordinatorB), siteId));
        Assert.Equal("Grace Mensah", Assert.Single(onboarding.Coordinators).FullName);
    }

    [Fact]
    public async Task The_coordinator_fills_in_the_profile_and_checklist_sends_the_site_for_review_and_the_institute_activates_it()
    {
        var siteId = await InviteLakeside();
        await AcceptLatest("dana.fox@example.org");
        var dana = await _host.IdOf("dana.fox@example.org");
        var admin = await _host.IdOf(DemoAccounts.Admin);

        var early = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new SubmitSiteForReview.Command(dana, siteId)));
        Assert.Equal(["Fill in and save every part of the site's details first.",
            "Tick every item of the readiness checklist first. Still to do: A peer space in the building; A programme champion is named; Peer leaders are recruited; A facilitator is trained; The replication agreement is signed."],
            early.Errors.Select(f => f.ErrorMessage));

        await FillIn(siteId, dana);
        var before = await _host.Send(new GetSiteOnboarding.Query(dana, siteId));
        Assert.True(before.ReadyForReview);
        Assert.Equal("Dr Ada Obi, medical director", before.Checklist.Single(c => c.Item.Id == "programme-champion").Note);

        await _host.Send(new SubmitSiteForReview.Command(dana, siteId));
        Assert.Contains(Mailbox.To(_host.Folder, DemoAccounts.Admin), m => m.Subject == "Lakeside Recovery Network is ready for review");
        var locked = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new SaveSiteProfile.Command(dana, siteId, "2 Lake Road", "New Haven", "06510", "other", "icrc")));
        Assert.StartsWith("The institute is reviewing your site", Assert.Single(locked.Errors).ErrorMessage, StringComparison.Ordinal);

        var noNote = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new ReviewSite.Command(admin, siteId, ReviewSite.Decision.SendBack, " ")));
        Assert.Equal("Note", Assert.Single(noNote.Errors).PropertyName);
        await _host.Send(new ReviewSite.Command(admin, siteId, ReviewSite.Decision.SendBack, "Please name the programme champion's phone extension."));
        var sentBack = await _host.Send(new GetSiteOnboarding.Query(dana, siteId));
        Assert.Equal((SiteStatus.Onboarding, "Please name the programme champion's phone extension."), (sentBack.Status, sentBack.SentBackNote));
        Assert.Contains(Mailbox.To(_host.Folder, "dana.fox@example.org"), m => m.Body.Contains("Please name the programme champion's phone extension.", StringComparison.Ordinal));

        await _host.Send(new SubmitSiteForReview.Command(dana, siteId));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new ReviewSite.Command(dana, siteId, ReviewSite.Decision.Activate, null)));
        await _host.Send(new ReviewSite.Command(admin, siteId, ReviewSite.Decision.Activate, null));
        var active = await _host.Send(new GetSiteOnboarding.Query(dana, siteId));
        Assert.Equal((SiteStatus.Active, LearningRecordHost.Start.UtcDateTime, null), (active.Status, active.ActivatedAt, active.SentBackNote));
        Assert.Contains(Mailbox.To(_host.Folder, "dana.fox@example.org"), m => m.Subject == "Lakeside Recovery Network is open on TrainingHub");
        var twice = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new ReviewSite.Command(admin, siteId, ReviewSite.Decision.Activate, null)));
        Assert.Equal("Only a site that is waiting for review can be opened or sent back.", Assert.Single(twice.Errors).ErrorMessage);
        Assert.Equal(1, await _host.AuditCount(SiteAuditActions.Activated));
        Assert.Equal(1, await _host.AuditCount(SiteAuditActions.SentBack));
    }

    [Fact]
    public async Task Bad_profile_and_checklist_input_is_refused_with_a_message_per_field_and_nothing_is_saved()
    {
        var coordinatorC = await _host.IdOf(DemoAccounts.CoordinatorC);
        var profile = await Assert.ThrowsAsync<ValidationException>(() =>
            _host.Send(new SaveSiteProfile.Command(coordinatorC, DemoData.SiteC, "", null, "1234", "a-circus", null)));
        Assert.Equal(["StreetAddress", "City", "PostalCode", "ProgrammeType", "CredentialBoard"], profile.Errors.Select(e => e.PropertyName));
        Assert.Equal("Enter a ZIP code of 5 digits, like 10451 (or 10451-1234).", profile.Errors.Single(e => e.PropertyName == "PostalCode").ErrorMessage);

        var checklist = await Assert.ThrowsAsync<ValidationException>(() => _host.Send(new SaveReadinessChecklist.Command(coordinatorC, DemoData.SiteC,
            [new("programme-champion", true, " "), new("no-such-item", true, null)])));
        Assert.Equal(["Checks[0].Note", "Checks[1].ItemId"], checklist.Errors.Select(e => e.PropertyName));
        Assert.Equal("Answer \"The champion's name and job title\" to tick this item.", checklist.Errors.First().ErrorMessage);

        var unchanged = await _host.Send(new GetSiteOnboarding.Query(coordinatorC, DemoData.SiteC));
        Assert.Equal(("9 Mill Lane", null, 2), (unchanged.StreetAddress, unchanged.ProgrammeType, unchanged.ChecksDone));
    }

    [Fact]
    public async Task A_coordinator_of_another_site_can_neither_read_nor_change_its_onboarding()
    {
        var other = await _host.IdOf(DemoAccounts.CoordinatorB);
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new GetSiteOnboarding.Query(other, DemoData.SiteC)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new SaveSiteProfile.Command(other, DemoData.SiteC, "1 Road", "Town", "12345", "other", "other")));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new SaveReadinessChecklist.Command(other, DemoData.SiteC, [new("agreement-signed", true, null)])));
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new SubmitSiteForReview.Command(other, DemoData.SiteC)));
        var supervisor = await _host.IdOf(DemoAccounts.Supervisor);
        await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new GetSiteOnboarding.Query(supervisor, DemoData.SiteA)));
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new GetSiteOnboarding.Query(other, Guid.NewGuid())));
        Assert.Equal(2, (await _host.Send(new GetSiteOnboarding.Query(await _host.IdOf(DemoAccounts.CoordinatorC), DemoData.SiteC))).ChecksDone);
    }

    [Fact]
    public async Task The_board_shows_every_site_with_its_step_and_only_to_the_institute()
    {
        var siteId = await InviteLakeside();
        var board = await _host.Send(new OnboardingBoard.Query(await _host.IdOf(DemoAccounts.Admin)));
        Assert.Equal(["Harbor Light Recovery Center", "Lakeside Recovery Network", "Northway Medication Treatment Center", "Riverside Opioid Treatment Program"],
            board.Sites.Select(s => s.Name));
        var invited = board.Sites.Single(s => s.SiteId == siteId);
        Assert.Equal((SiteStatus.Invited, "Dana Fox", false, LearningRecordHost.Start.UtcDateTime.AddDays(7)), (invited.Status, invited.CoordinatorName, invited.LinkExpired, invited.LinkExpiresAt));
        var northway = board.Sites.Single(s => s.SiteId == DemoData.SiteC);
        Assert.Equal((SiteStatus.Onboarding, 2, 5, false), (northway.Status, northway.ChecksDone, northway.ChecksTotal, northway.ProfileComplete));
        var harbor = board.Sites.Single(s => s.SiteId == DemoData.SiteA);
        Assert.Equal((SiteStatus.Active, 1, 1, false), (harbor.Status, harbor.Cohorts, harbor.Trainees, harbor.FirstCohortTrained));

        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new OnboardingBoard.Query(await _host.IdOf(DemoAccounts.Coordinator))));
    }
}
