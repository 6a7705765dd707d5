using System.Net;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class SearchPagesTests(SiteFactory site)
{
    [Fact]
    public async Task A_trainee_searches_and_opens_a_lesson_and_is_never_shown_people()
    {
        var trainee = await site.SignedIn(DemoAccounts.Trainee);
        Assert.Contains("href=\"/search\"", await trainee.GetStringAsync("/dashboard"), StringComparison.Ordinal);
        var response = await SiteFactory.PostForm(trainee, "/search", new() { ["Text"] = "naloxone" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<a href=\"/courses/recovery-coach/lessons/[^\"]+\">[^<]*[Nn]aloxone", html);
        Assert.DoesNotContain("People at your sites", html, StringComparison.Ordinal);
        // A lesson of the course the trainee is enrolled in opens (a course they are not enrolled in asks them to enrol first).
        var lesson = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/courses/recovery-coach/lessons/[^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await trainee.GetAsync(lesson)).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_finds_their_own_sites_people_only()
    {
        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        var own = await (await SiteFactory.PostForm(coordinator, "/search", new() { ["Text"] = "Terry" })).Content.ReadAsStringAsync();
        Assert.Contains("Terry Jackson", own, StringComparison.Ordinal);
        var other = await (await SiteFactory.PostForm(coordinator, "/search", new() { ["Text"] = "Lena" })).Content.ReadAsStringAsync();
        Assert.Contains("No one at your sites has this name or e-mail address.", other, StringComparison.Ordinal);
        Assert.DoesNotContain("Lena Brooks", other, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Type a word or two to search for, such as a lesson&#x27;s title or a person&#x27;s name.")]
    [InlineData("long", "Search for at most 100 characters: a word or two is enough.")]
    public async Task Empty_or_very_long_words_get_a_clear_message_on_the_page(string text, string message)
    {
        var trainee = await site.SignedIn(DemoAccounts.Trainee);
        var response = await SiteFactory.PostForm(trainee, "/search", new() { ["Text"] = text == "long" ? new string('x', 5000) : text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("error-summary", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"lessons-heading\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_needs_a_sign_in()
    {
        var response = await site.Anonymous().GetAsync("/search");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
