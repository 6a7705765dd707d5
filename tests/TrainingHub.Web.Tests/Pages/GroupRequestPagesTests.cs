using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>The forms of a request to join a group, over HTTP on a site of their own: bad input is refused with a reason and writes nothing.</summary>
public sealed class GroupRequestPagesTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<int> Requests()
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().GroupRequests.CountAsync();
    }

    private async Task<HttpClient> LenaEnrolledInEthics()
    {
        var lena = await site.SignedIn(DemoAccounts.TraineeB);
        await SiteFactory.PostForm(lena, "/courses/ethics?handler=Enroll", [], formPage: "/courses/ethics");
        return lena;
    }

    [Fact]
    public async Task A_note_too_long_is_refused_on_the_course_page_and_no_request_is_written()
    {
        var lena = await LenaEnrolledInEthics();
        Assert.Contains("Live lessons need a group", await lena.GetStringAsync("/courses/ethics"), StringComparison.Ordinal);
        var before = await Requests();
        var response = await SiteFactory.PostForm(lena, "/courses/ethics?handler=AskToJoin", new() { ["Note"] = new string('x', 501) }, formPage: "/courses/ethics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Keep your note to 500 characters.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Requests());
    }

    [Fact]
    public async Task The_coordinator_must_choose_a_group_or_give_a_reason_and_another_sites_coordinator_is_refused()
    {
        var lena = await LenaEnrolledInEthics();
        await SiteFactory.PostForm(lena, "/courses/ethics?handler=AskToJoin", new() { ["Note"] = "" }, formPage: "/courses/ethics");
        Guid requestId;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            requestId = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().GroupRequests.Select(r => r.Id).SingleAsync();
        }
        var page = $"/sites/{DemoData.SiteB}/group-requests";
        var grace = await site.SignedIn(DemoAccounts.CoordinatorB);
        Assert.Contains("Lena Brooks", await grace.GetStringAsync(page), StringComparison.Ordinal);

        var noGroup = await SiteFactory.PostForm(grace, $"{page}?handler=Accept", new() { ["RequestId"] = requestId.ToString() }, formPage: page);
        Assert.Contains("Choose the group to add this trainee to.", await noGroup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noReason = await SiteFactory.PostForm(grace, $"{page}?handler=Decline", new() { ["RequestId"] = requestId.ToString(), ["Reason"] = "" }, formPage: page);
        Assert.Contains("Say why, so the trainee knows what to do next", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var rosa = await site.SignedIn(DemoAccounts.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await rosa.GetAsync(page)).StatusCode);
        var supervisor = await site.SignedIn(DemoAccounts.SupervisorB);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync(page)).StatusCode);

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            Assert.Equal(GroupRequestStatus.Waiting, (await db.GroupRequests.SingleAsync()).Status);
            Assert.Null(await db.Enrollments.Where(e => e.CourseId == "ethics").Select(e => e.CohortId).SingleAsync());
        }
    }
}
