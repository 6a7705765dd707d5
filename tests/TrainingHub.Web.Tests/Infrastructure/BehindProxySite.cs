using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TrainingHub.Web.Tests.Infrastructure;

/// <summary>
/// The site with one trusted proxy, <see cref="Proxy"/>. The test server has no network peer, so a request says which
/// address it comes from in <see cref="PeerHeader"/>, set before anything of the site's runs.
/// </summary>
public sealed class BehindProxySite : TrainingHubSite
{
    public const string Proxy = "10.0.0.5";
    public const string Stranger = "203.0.113.9";
    public const string PeerHeader = "X-Test-Peer";

    public BehindProxySite() => Settings["ForwardedHeaders:KnownProxies:0"] = Proxy;

    /// <summary>A client whose requests come from <paramref name="peer"/> with the given headers, keeping no cookies (they may be Secure).</summary>
    public HttpClient From(string peer, params (string Name, string Value)[] headers)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        foreach (var (name, value) in headers) client.DefaultRequestHeaders.Add(name, value);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, PeerAddress>());
    }

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
