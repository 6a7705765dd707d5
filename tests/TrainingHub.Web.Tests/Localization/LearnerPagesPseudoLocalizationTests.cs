using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>
/// "No string left behind" on the learner's pages: the demo trainee's pages run through the marking check. Course
/// content and people's records (titles, lesson text, names) are not the site's words: the pages put them in elements
/// marked <c>data-content</c>, which the check leaves out, so everything around them is still checked.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class LearnerPagesPseudoLocalizationTests(SiteFactory site)
{
    public static TheoryData<string> TraineePages() =>
    [
        "/dashboard", "/courses", "/courses/mat", "/courses/mat/progress", "/my/hours", "/my/sessions", "/my/calendar", "/my/certificates", "/my/make-ups", "/verify", "/verify/NOT-A-CODE",
        "/courses/mat/lessons/mat-oud-treatable-condition", "/courses/mat/lessons/mat-supporting-people-on-medication", "/courses/recovery-coach/lessons/rc-welcome-and-coaching-role",
    ];

    [Theory]
    [MemberData(nameof(TraineePages))]
    public async Task Every_visible_text_of_a_trainee_page_comes_from_the_resources(string path)
    {
        using var marked = PseudoLocalization.Marked(site);
        var client = marked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = DemoAccounts.Trainee, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        PseudoLocalization.AssertAllMarked(path, WithoutContent(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public void Content_is_left_out_and_the_words_around_it_are_still_checked()
    {
        const string page = "<main><h1 data-content>Understanding OUD</h1><article data-content><div><p>Lesson text</p></div><div>More</div></article><p>⟦Next:⟧ <span data-content=\"\">A title</span></p><p>Written by hand</p></main>";
        var left = WithoutContent(page);
        Assert.DoesNotContain("Lesson text", left, StringComparison.Ordinal);
        Assert.DoesNotContain("More", left, StringComparison.Ordinal);
        Assert.DoesNotContain("A title", left, StringComparison.Ordinal);
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PseudoLocalization.AssertAllMarked("sample", left));
        Assert.Contains("Written by hand", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Removes each element marked data-content with everything inside it (nested elements of the same name included).</summary>
    internal static string WithoutContent(string html)
    {
        for (var start = ContentStart().Match(html); start.Success; start = ContentStart().Match(html))
        {
            var name = start.Groups[1].Value;
            var depth = 0;
            var end = html.Length;
            foreach (Match tag in Regex.Matches(html[start.Index..], $"<(/?){name}\\b[^>]*>", RegexOptions.IgnoreCase))
            {
                depth += tag.Groups[1].Value == "/" ? -1 : 1;
                if (depth == 0) { end = start.Index + tag.Index + tag.Length; break; }
            }
            html = html[..start.Index] + " " + html[end..];
        }
        return html;
    }

    [GeneratedRegex("<(\\w+)\\b[^>]*\\sdata-content(=\"[^\"]*\")?[\\s>/][^>]*>|<(\\w+)\\b[^>]*\\sdata-content(=\"[^\"]*\")?>", RegexOptions.IgnoreCase)]
    private static partial Regex ContentStart();
}
