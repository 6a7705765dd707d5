using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Credentials.Targets;
using TrainingHub.Web.Tests.Pages;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Infrastructure;

[Collection(SiteCollection.Name)]
public sealed partial class ValidationPageFilterTests(SiteFactory site)
{
    [GeneratedRegex("name=\"attemptId\" value=\"([^\"]+)\"")]
    private static partial Regex AttemptField();

    [GeneratedRegex("name=\"answers\\[([^\\]]+)\\]\"")]
    private static partial Regex AnswerField();

    private static string[] QuestionIds(string html) => AnswerField().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToArray();

    /// <summary>The message as <c>asp-validation-for</c> renders it beside the named field.</summary>
    private static Regex MessageBeside(string field, string message) =>
        new($"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>{Regex.Escape(message)}</span>", RegexOptions.CultureInvariant);

    [Fact]
    public async Task A_refused_form_renders_again_with_200_each_message_beside_its_field_and_nothing_saved()
    {
        var personId = await Seed.PersonIdAsync(site.Services, "trainee.b@demo.traininghub.test");
        var before = await site.Db(db => db.PracticumEntries.CountAsync(e => e.PersonId == personId));
        var client = await site.SignedIn("trainee.b@demo.traininghub.test");

        var response = await SiteFactory.PostForm(client, "/my/practicum", new() { ["Input.Kind"] = "Experience", ["Input.Setting"] = "Drop-in center" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Matches(MessageBeside("Input.Date", "Enter the date of the hours."), html);
        Assert.Matches(MessageBeside("Input.Hours", "Enter the number of hours."), html);
        Assert.Matches(MessageBeside("Input.Description", "Describe in a few words what you did."), html);
        Assert.Contains("<a href=\"#Input_Hours\">Enter the number of hours.</a>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Drop-in center\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await site.Db(db => db.PracticumEntries.CountAsync(e => e.PersonId == personId)));
    }

    [Fact]
    public async Task A_message_about_a_command_property_the_form_names_differently_goes_to_the_field_the_page_declares()
    {
        var personId = await Seed.PersonIdAsync(site.Services, "trainee.b@demo.traininghub.test");
        var before = await site.Db(db => db.CredentialTargets.CountAsync(t => t.PersonId == personId));
        var client = await site.SignedIn("trainee.b@demo.traininghub.test");

        // ChooseCredentials refuses CredentialIds[0]; the page's checkboxes are named Selected.
        var response = await SiteFactory.PostForm(client, "/my/credentials?handler=Choose", new() { ["Selected"] = "no-such-credential" }, formPage: "/my/credentials");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#Selected\">There is no credential 'no-such-credential'. Choose from the list.</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Selected\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await site.Db(db => db.CredentialTargets.CountAsync(t => t.PersonId == personId)));
    }

    [Fact]
    public async Task A_list_page_that_refuses_a_form_shows_its_list_again_beside_the_messages()
    {
        var before = await site.Db(db => db.Cohorts.CountAsync(c => c.SiteId == DemoData.SiteA));
        var coordinator = await site.SignedIn("coordinator@demo.traininghub.test");
        var page = $"/sites/{DemoData.SiteA}/cohorts";

        var response = await SiteFactory.PostForm(coordinator, page, new() { ["Input.Name"] = "", ["Input.Capacity"] = "16" }, formPage: page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Matches(MessageBeside("Input.Name", "Give the cohort a name, for example \"Spring 2027 Recovery Coach group\"."), html);
        Assert.Contains("Winter 2027 Recovery Coach cohort", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/sites/{DemoData.SiteA}/cohorts/{DemoData.CohortA}\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await site.Db(db => db.Cohorts.CountAsync(c => c.SiteId == DemoData.SiteA)));
    }

    [Fact]
    public async Task A_refused_quiz_renders_the_same_attempt_again_with_its_questions_and_the_message()
    {
        var client = await site.SignedIn("trainee@demo.traininghub.test");
        var module = site.Services.GetRequiredService<CourseCatalog>().Find("recovery-coach")!.Modules.Last(m => m.Quiz is not null);
        var url = $"/courses/recovery-coach/modules/{module.Id}/quiz";
        var opened = await client.GetStringAsync(url);
        var attemptId = AttemptField().Match(opened).Groups[1].Value;

        var response = await SiteFactory.PostForm(client, url, new() { ["attemptId"] = attemptId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Contains("Question 1 has no answer. Choose an answer before you submit.", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{attemptId}\"", html, StringComparison.Ordinal);
        var questions = QuestionIds(opened);
        Assert.NotEmpty(questions);
        Assert.Equal(questions, QuestionIds(html));
        Assert.False(await site.Db(db => db.QuizAttempts.AnyAsync(a => a.Id == Guid.Parse(attemptId) && a.SubmittedAt != null)));
    }

    [Fact]
    public async Task A_GET_whose_address_fails_validation_is_404_with_the_reason_and_opens_nothing()
    {
        var personId = await Seed.PersonIdAsync(site.Services, "trainee@demo.traininghub.test");
        var client = await site.SignedIn("trainee@demo.traininghub.test");

        var response = await client.GetAsync("/courses/recovery-coach/modules/no-such-module/quiz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This module has no quiz.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await site.Db(db => db.QuizAttempts.AnyAsync(a => a.PersonId == personId && a.ModuleId == "no-such-module")));
    }
}
