using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites;
using TrainingHub.Features.Sites.People;

namespace TrainingHub.Tests.Features.Sites;

public sealed class SiteScopeTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> IdOf(string email)
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private async Task<ListSitePeople.Result> List(string actorEmail, Guid site)
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListSitePeople.Query(await IdOf(actorEmail), site));
    }

    [Theory]
    [InlineData(DemoAccounts.Supervisor)]
    [InlineData(DemoAccounts.Coordinator)]
    public async Task Site_staff_see_their_own_sites_people_and_no_one_from_another_site(string staff)
    {
        var own = await List(staff, DemoData.SiteA);
        Assert.Contains(own.People, p => p.Email == DemoAccounts.Trainee);
        Assert.DoesNotContain(own.People, p => p.Email.EndsWith($".b@{DemoData.Domain}", StringComparison.Ordinal));

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => List(staff, DemoData.SiteB));
        Assert.Equal("You can only see the people of your own site.", e.Message);
    }

    [Fact]
    public async Task A_trainee_cannot_list_the_people_of_their_own_site()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => List(DemoAccounts.Trainee, DemoData.SiteA));
    }

    [Fact]
    public async Task An_institute_admin_sees_every_site()
    {
        Assert.Contains((await List(DemoAccounts.Admin, DemoData.SiteB)).People, p => p.Email == DemoAccounts.TraineeB);
        await using var scope = _host.Scope();
        var sites = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new MyStaffSites.Query(await IdOf(DemoAccounts.Admin)));
        Assert.Equal([DemoData.SiteA, DemoData.SiteC, DemoData.SiteB], sites.Select(s => s.Id));
    }

    [Fact]
    public async Task A_supervisors_site_list_holds_only_their_own_site()
    {
        await using var scope = _host.Scope();
        var sites = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new MyStaffSites.Query(await IdOf(DemoAccounts.SupervisorB)));
        Assert.Equal(DemoData.SiteB, Assert.Single(sites).Id);
    }

    [Fact]
    public async Task An_unknown_site_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => List(DemoAccounts.Admin, Guid.NewGuid()));
    }
}
