using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Sessions;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class FacilitatorGuidePagesTests(SiteFactory site)
{
    private const string Lesson = "/courses/recovery-coach/lessons/rc-welcome-and-coaching-role";
    private const string GuideUrl = Lesson + "/guide";

    /// <summary>A sentence that is only in the guide, never in the participant text.</summary>
    private const string GuideOnly = "Write the agreements on a flip chart and keep it up for the whole course.";

    private async Task<string> TraineeGets(string url, HttpStatusCode expected)
    {
        var trainee = await site.SignedIn(DemoAccounts.Trainee);
        var response = await trainee.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_guide_page_is_refused_to_a_trainee_with_a_reason_and_holds_no_guide_text()
    {
        var html = await TraineeGets(GuideUrl, HttpStatusCode.Forbidden);
        Assert.Contains("Facilitator's guides are for facilitators and institute admins.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(GuideOnly, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trainees_lesson_page_has_no_guide_text_and_no_guide_link()
    {
        var html = await TraineeGets(Lesson, HttpStatusCode.OK);
        Assert.Contains("Clarence meets his coach", html, StringComparison.Ordinal);
        Assert.DoesNotContain(GuideOnly, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Facilitator's guide", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/guide", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var response = await site.Anonymous().GetAsync(GuideUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(DemoAccounts.Facilitator)]
    [InlineData(DemoAccounts.Admin)]
    public async Task A_facilitator_or_admin_gets_the_print_page_and_the_guide_on_the_lesson_page(string email)
    {
        var client = await site.SignedIn(email);
        var guide = await client.GetAsync(GuideUrl);
        Assert.Equal(HttpStatusCode.OK, guide.StatusCode);
        var html = WebUtility.HtmlDecode(await guide.Content.ReadAsStringAsync());
        Assert.Contains("Facilitator's guide: Welcome, and what a recovery coach does", html, StringComparison.Ordinal);
        Assert.Contains(GuideOnly, html, StringComparison.Ordinal);
        Assert.Contains("data-print", html, StringComparison.Ordinal);

        var lesson = WebUtility.HtmlDecode(await client.GetStringAsync(Lesson));
        Assert.Contains(GuideOnly, lesson, StringComparison.Ordinal);
        Assert.Contains($"href=\"{GuideUrl}\"", lesson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_paced_or_unknown_lessons_guide_is_404_for_a_facilitator()
    {
        var client = await site.SignedIn(DemoAccounts.Facilitator);
        var selfPaced = site.Services.GetRequiredService<CourseCatalog>().Find("recovery-coach")!.Lessons.First(l => l.Delivery == LessonDelivery.SelfPaced);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/courses/recovery-coach/lessons/{selfPaced.Id}/guide")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/courses/recovery-coach/lessons/no-such-lesson/guide")).StatusCode);
    }

    [Fact]
    public async Task The_facilitators_session_page_shows_the_lessons_guide_and_the_coordinators_does_not()
    {
        Guid session;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var facilitatorId = scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Users.Single(u => u.Email == DemoAccounts.Facilitator).Id;
            session = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ScheduleSession.Command(
                facilitatorId, DemoData.CohortA, "rc-welcome-and-coaching-role", new DateOnly(2027, 2, 1), new TimeOnly(10, 0), "Room 1", null));
        }
        var facilitator = await site.SignedIn(DemoAccounts.Facilitator);
        var html = WebUtility.HtmlDecode(await facilitator.GetStringAsync($"/facilitate/sessions/{session}"));
        Assert.Contains(GuideOnly, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{GuideUrl}\"", html, StringComparison.Ordinal);

        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        var coordinatorHtml = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/facilitate/sessions/{session}"));
        Assert.Contains("Session: Welcome, and what a recovery coach does", coordinatorHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(GuideOnly, coordinatorHtml, StringComparison.Ordinal);
    }
}
