using System.Net;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Features.Enrollments;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>
/// "No string left behind" on the learner's pages: the demo trainee's pages run through the marking check. Course
/// content and people's records (titles, lesson text, names) are not the site's words: the pages put them in elements
/// marked <c>data-content</c>, which the check leaves out, so everything around them is still checked.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
[Collection(SiteCollection.Name)]
public sealed class LearnerPagesPseudoLocalizationTests(SiteFactory site)
{
    public static TheoryData<string> TraineePages() =>
    [
        "/dashboard", "/courses", "/courses/mat", "/courses/mat/progress", "/my/hours", "/my/sessions", "/my/calendar", "/my/certificates", "/my/make-ups", "/verify", "/verify/NOT-A-CODE",
        "/courses/mat/lessons/mat-oud-treatable-condition", "/courses/mat/lessons/mat-supporting-people-on-medication", "/courses/recovery-coach/lessons/rc-welcome-and-coaching-role",
        "/my/practicum", "/my/outside-training", "/my/credentials/held", "/account/sign-out",
    ];

    /// <summary>The demo coach chose a credential and holds one: the credentials page shows the progress of every
    /// requirement, the held credential with its renewal and the next step; the code of ethics is theirs to sign.</summary>
    public static TheoryData<string> CoachPages() =>
    [
        "/my/credentials", "/my/practicum", "/my/code-of-ethics/peer-recovery-code-of-ethics", "/my/outside-training", "/my/credentials/held",
    ];

    [Theory]
    [MemberData(nameof(CoachPages))]
    public async Task Every_visible_text_of_a_coach_credential_page_comes_from_the_resources(string path)
    {
        using var marked = PseudoLocalization.Marked(site);
        var client = marked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = DemoAccounts.Coach, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        PseudoLocalization.AssertAllMarked(path, PseudoLocalization.WithoutContent(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [MemberData(nameof(TraineePages))]
    public async Task Every_visible_text_of_a_trainee_page_comes_from_the_resources(string path)
    {
        using var marked = PseudoLocalization.Marked(site);
        var client = marked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // The demo trainee is in a Recovery Coach cohort. The MAT pages are read by a trainee of their own who enrolled
        // from the catalogue, as another test of this collection enrols the demo trainee in MAT itself.
        var email = path.StartsWith("/courses/mat", StringComparison.Ordinal) ? await MatReaderAsync() : DemoAccounts.Trainee;
        var signIn = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var response = await client.GetAsync(path);
        // An unknown certificate code is a 404 with its explanation; every other page is there.
        Assert.Equal(path.StartsWith("/verify/", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK, response.StatusCode);
        PseudoLocalization.AssertAllMarked(path, PseudoLocalization.WithoutContent(await response.Content.ReadAsStringAsync()));
    }

    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static string? matReader;

    private async Task<string> MatReaderAsync()
    {
        await Creating.WaitAsync();
        try
        {
            if (matReader is not null) return matReader;
            var (email, id) = await Seed.NewTraineeAsync(site.Services, DemoData.SiteA, "Maya Ortiz");
            await using var scope = site.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Enroll.Command(id, "mat"));
            return matReader = email;
        }
        finally { Creating.Release(); }
    }

    [Fact]
    public void Content_is_left_out_and_the_words_around_it_are_still_checked()
    {
        const string page = "<main><h1 data-content>Understanding OUD</h1><article data-content><div><p>Lesson text</p></div><div>More</div></article><p>⟦Next:⟧ <span data-content=\"\">A title</span></p><p>Written by hand</p></main>";
        var left = PseudoLocalization.WithoutContent(page);
        Assert.DoesNotContain("Lesson text", left, StringComparison.Ordinal);
        Assert.DoesNotContain("More", left, StringComparison.Ordinal);
        Assert.DoesNotContain("A title", left, StringComparison.Ordinal);
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PseudoLocalization.AssertAllMarked("sample", left));
        Assert.Contains("Written by hand", error.Message, StringComparison.Ordinal);
    }
}
