using System.Net;
using TrainingHub.Data;
using TrainingHub.Features.Enrollments;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class AccessTests(SiteFactory site)
{
    [Fact]
    public async Task An_anonymous_visitor_to_the_dashboard_is_sent_to_sign_in()
    {
        var response = await site.Anonymous().GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=%2Fdashboard", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_trainee_cannot_open_the_jobs_dashboard()
    {
        var client = await site.SignedIn(DemoAccounts.Trainee);
        var response = await client.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("This page is not open to you", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_institute_admin_opens_the_jobs_dashboard()
    {
        var client = await site.SignedIn(DemoAccounts.Admin);
        var response = await client.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("TrainingHub jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_rejected()
    {
        var client = site.Anonymous();
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoAccounts.Trainee,
            ["Input.Password"] = DemoAccounts.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("TrainingHub.Auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_signed_in_post_without_an_antiforgery_token_enrols_no_one()
    {
        // A trainee of its own, so no other test's enrolment of a shared demo trainee shows on the dashboard.
        var (_, email) = await SiteConsentTests.TraineeOfB(site, "Rafael Ortiz");
        var client = await site.SignedIn(email);
        var response = await client.PostAsync("/courses/recovery-coach?handler=Enroll", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("recovery-coach", await (await client.GetAsync("/dashboard")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/courses/no-such-course")]
    [InlineData("/courses/mat/lessons/no-such-lesson")]
    [InlineData("/no/such/page")]
    public async Task An_unknown_address_answers_404_with_a_plain_page(string url)
    {
        var client = await site.SignedIn(DemoAccounts.Facilitator);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We could not find that page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_of_site_A_sees_no_one_of_site_B()
    {
        var client = await site.SignedIn(DemoAccounts.Supervisor);

        var own = await client.GetAsync($"/sites/{DemoData.SiteA}/people");
        var ownHtml = await own.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Terry Jackson", ownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Lena Brooks", ownHtml, StringComparison.Ordinal);

        var other = await client.GetAsync($"/sites/{DemoData.SiteB}/people");
        var otherHtml = await other.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("You can only open the pages of your own site.", otherHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Lena Brooks", otherHtml, StringComparison.Ordinal);

        var list = await (await client.GetAsync("/sites")).Content.ReadAsStringAsync();
        Assert.Contains("Harbor Light Recovery Center", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Riverside Opioid Treatment Program", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trainee_cannot_open_a_sites_people()
    {
        var client = await site.SignedIn(DemoAccounts.Trainee);
        var response = await client.GetAsync($"/sites/{DemoData.SiteA}/people");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_sends_security_headers()
    {
        var response = await site.Anonymous().GetAsync("/");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("script-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
