using System.Net;
using System.Text.RegularExpressions;

namespace TrainingHub.Web.Tests.Infrastructure;

public sealed partial class ProxyTests : IClassFixture<BehindProxySite>
{
    private readonly BehindProxySite _site;

    public ProxyTests(BehindProxySite site) => _site = site;

    private static readonly (string, string) Https = ("X-Forwarded-Proto", "https");

    [Fact]
    public async Task Over_https_through_a_known_proxy_every_cookie_is_secure()
    {
        var cookies = await CookiesOfSigningIn(_site.From(BehindProxySite.Proxy, Https, ("X-Forwarded-For", "198.51.100.7")));

        Assert.Contains(cookies, c => c.StartsWith("TrainingHub.Antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_same_header_from_an_unknown_address_is_ignored()
    {
        var cookies = await CookiesOfSigningIn(_site.From(BehindProxySite.Stranger, Https, ("X-Forwarded-For", "198.51.100.8")));

        Assert.All(cookies, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every cookie set while opening the sign-in page and signing in (which must succeed).</summary>
    private static async Task<List<string>> CookiesOfSigningIn(HttpClient client)
    {
        var (form, antiforgery) = await SignInPage(client);
        var signIn = await SignIn(client, form, antiforgery);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = Cookies(form).Concat(Cookies(signIn)).ToList();
        Assert.Contains(cookies, c => c.StartsWith("TrainingHub.Auth=", StringComparison.Ordinal));
        return cookies;
    }

    private static async Task<(HttpResponseMessage Form, string Cookie)> SignInPage(HttpClient client)
    {
        var form = await client.GetAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var cookie = Cookies(form).Single(c => c.StartsWith("TrainingHub.Antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        return (form, cookie);
    }

    private static async Task<HttpResponseMessage> SignIn(HttpClient client, HttpResponseMessage form, string antiforgery)
    {
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value);
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = DemoAccounts.Trainee,
                ["Input.Password"] = DemoAccounts.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgery);
        return await client.SendAsync(request);
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
