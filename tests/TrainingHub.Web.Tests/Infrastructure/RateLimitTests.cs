using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Tests.Infrastructure;

public sealed class RateLimitTests
{
    private const string UnknownCode = "/verify/ABCD-EFGH-JKLM";

    [Fact]
    public async Task Two_clients_behind_the_proxy_have_a_budget_each()
    {
        using var site = new BehindProxySite();
        site.Settings["Certificates:VerifyRequestsPerMinute"] = "3";
        var first = site.From(BehindProxySite.Proxy, ("X-Forwarded-For", "198.51.100.1"));
        var second = site.From(BehindProxySite.Proxy, ("X-Forwarded-For", "198.51.100.2"));

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync(UnknownCode)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync(UnknownCode)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync(UnknownCode)).StatusCode);
    }

    /// <summary>A load test from one machine raises the limit above what any one visitor needs (it once stopped at 100,000).</summary>
    [Fact]
    public async Task A_verify_limit_raised_through_configuration_for_a_load_test_is_the_limit_the_site_applies()
    {
        var defaultLimit = new CertificateOptions().VerifyRequestsPerMinute;
        using var site = new SiteFactory();
        using var raised = site.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c =>
            c.AddInMemoryCollection(new Dictionary<string, string?> { ["Certificates:VerifyRequestsPerMinute"] = "5000000" })));
        var client = raised.CreateClient();
        Assert.Equal(5_000_000, raised.Services.GetRequiredService<IOptions<CertificateOptions>>().Value.VerifyRequestsPerMinute);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < defaultLimit + 10; i++) answers.Add((await client.GetAsync(UnknownCode)).StatusCode);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a));
    }
}
