using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Infrastructure;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Tests.Configuration;

public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://localhost:5080/", "http://localhost:5080")]
    [InlineData("https://localhost:7001;http://localhost:5001", "https://localhost:7001")]
    [InlineData("http://*:8080", "http://localhost:8080")]
    [InlineData("http://+:8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://192.168.1.20:5000", "http://192.168.1.20:5000")]
    [InlineData("http://localhost:0", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_served_address_is_one_a_browser_on_this_machine_can_open(string? urls, string? expected) =>
        Assert.Equal(expected, PublicAddress.FromServerUrls(urls));

    [Fact]
    public void In_Development_without_the_setting_links_name_the_port_the_site_is_served_on()
    {
        using var site = new UnsetAddressSite();
        site.Settings["urls"] = "http://localhost:5123";
        _ = site.Server;
        Assert.Equal("http://localhost:5123", site.Services.GetRequiredService<IOptions<InstituteOptions>>().Value.PublicBaseUrl);
    }

    [Fact]
    public void A_set_public_address_wins_over_the_served_one()
    {
        using var site = new UnsetAddressSite();
        site.Settings["urls"] = "http://localhost:5123";
        site.Settings["Institute:PublicBaseUrl"] = "https://training.example.org";
        _ = site.Server;
        Assert.Equal("https://training.example.org", site.Services.GetRequiredService<IOptions<InstituteOptions>>().Value.PublicBaseUrl);
    }

    private sealed class UnsetAddressSite : TrainingHubSite
    {
        protected override string? PublicBaseUrl => null;
    }
}
