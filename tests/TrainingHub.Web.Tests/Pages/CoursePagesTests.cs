using System.Net;
using TrainingHub.Data;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;
using TrainingHub.Features.Enrollments;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class CoursePagesTests(SiteFactory site)
{
    [Fact]
    public async Task The_catalog_lists_the_three_courses_with_their_hours()
    {
        var html = await site.Anonymous().GetStringAsync("/courses");
        Assert.Contains("Recovery Coach Training", html, StringComparison.Ordinal);
        Assert.Contains("30 hours", html, StringComparison.Ordinal);
        Assert.Contains("15 hours", html, StringComparison.Ordinal);
        Assert.Contains("4 hours", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_course_overview_shows_modules_lessons_hours_and_sources()
    {
        var html = await site.Anonymous().GetStringAsync("/courses/mat");
        Assert.Contains("Medications for Opioid Use Disorder (MAT)", html, StringComparison.Ordinal);
        Assert.Contains("Modules and lessons", html, StringComparison.Ordinal);
        Assert.Contains("Hours by domain", html, StringComparison.Ordinal);
        Assert.Contains("Sources", html, StringComparison.Ordinal);
        Assert.Contains("Sign in to enrol", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trainee_enrols_then_opens_a_lesson_and_sees_the_course_on_the_dashboard()
    {
        var client = await site.SignedIn(DemoAccounts.Trainee);
        // The MAT course: no other test in this collection enrols the demo trainee in it.
        var lessonUrl = "/courses/mat/lessons/mat-oud-treatable-condition";
        var before = await client.GetAsync(lessonUrl);
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Contains("Enrol in this course to open its lessons.", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var enrol = await SiteFactory.PostForm(client, "/courses/mat?handler=Enroll", [], formPage: "/courses/mat");
        Assert.Equal(HttpStatusCode.Redirect, enrol.StatusCode);
        Assert.Contains("You are enrolled in this course.", await client.GetStringAsync("/courses/mat"), StringComparison.Ordinal);

        var lesson = await client.GetAsync(lessonUrl);
        Assert.Equal(HttpStatusCode.OK, lesson.StatusCode);
        var html = await lesson.Content.ReadAsStringAsync();
        Assert.Contains("In this lesson you will", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Facilitator agenda", html, StringComparison.Ordinal);

        Assert.Contains("Medications for Opioid Use Disorder (MAT)", WebUtility.HtmlDecode(await client.GetStringAsync("/dashboard")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_sees_the_agenda_of_a_live_lesson()
    {
        var client = await site.SignedIn(DemoAccounts.Facilitator);
        var html = await client.GetStringAsync("/courses/ethics/lessons/eth-what-ethics-means");
        Assert.Contains("Facilitator agenda", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolling_in_an_unknown_course_answers_404_and_writes_nothing()
    {
        var client = await site.SignedIn(DemoAccounts.TraineeB);
        var response = await SiteFactory.PostForm(client, "/courses/no-such-course?handler=Enroll", [], formPage: "/courses/mat");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("no-such-course", await client.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_enrolment_is_sent_to_sign_in()
    {
        var client = site.Anonymous();
        var response = await SiteFactory.PostForm(client, "/courses/mat?handler=Enroll", [], formPage: "/account/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_paced_model_answer_shows_only_after_the_trainees_own_attempt_or_a_chosen_skip_and_nothing_is_stored()
    {
        var (_, _, client) = await site.NewTraineeAsync(DemoData.SiteB, "Robin Hale");
        await SiteFactory.PostForm(client, "/courses/ethics?handler=Enroll", [], formPage: "/courses/ethics");
        const string url = "/courses/ethics/lessons/eth-gifts-money-and-favours";
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(url));
        Assert.Contains("Compare with a model answer", page, StringComparison.Ordinal);
        Assert.DoesNotContain("hearing how you're doing is", page, StringComparison.Ordinal);

        var token = await TokenFrom(client, url);
        var empty = WebUtility.HtmlDecode(await (await PostWithToken(client, url + "?handler=ModelAnswer", new() { ["Attempt.Text"] = "  " }, token)).Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#Attempt_Text\">Write your own answer first, or choose to skip and see the model answer.</a>", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("hearing how you're doing is", empty, StringComparison.Ordinal);
        var tooLong = WebUtility.HtmlDecode(await (await PostWithToken(client, url + "?handler=ModelAnswer", new() { ["Attempt.Text"] = new string('a', 4001) }, token)).Content.ReadAsStringAsync());
        Assert.Contains("Keep your answer to 4000 characters.", tooLong, StringComparison.Ordinal);

        var attempted = WebUtility.HtmlDecode(await (await PostWithToken(client, url + "?handler=ModelAnswer", new() { ["Attempt.Text"] = "I would decline the cash kindly." }, token)).Content.ReadAsStringAsync());
        Assert.Contains("<p class=\"attempt\" data-content>I would decline the cash kindly.</p>", attempted, StringComparison.Ordinal);
        Assert.Contains("hearing how you're doing is", attempted, StringComparison.Ordinal);
        var skipped = WebUtility.HtmlDecode(await (await PostWithToken(client, url + "?handler=ModelAnswer", new() { ["Attempt.Skip"] = "true" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("hearing how you're doing is", skipped, StringComparison.Ordinal);
        Assert.DoesNotContain("<h3>Your answer</h3>", skipped, StringComparison.Ordinal);

        using var noToken = new FormUrlEncodedContent(new Dictionary<string, string> { ["Attempt.Skip"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(url + "?handler=ModelAnswer", noToken)).StatusCode);
        var (_, _, stranger) = await site.NewTraineeAsync(DemoData.SiteB, "Sam Ortiz");
        var strangerToken = await TokenFrom(stranger, "/my/credentials");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostWithToken(stranger, url + "?handler=ModelAnswer", new() { ["Attempt.Skip"] = "true" }, strangerToken)).StatusCode);
    }
}
