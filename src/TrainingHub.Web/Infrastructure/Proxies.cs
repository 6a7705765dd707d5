using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Behind nginx or a load balancer: the client's address, scheme and host come from X-Forwarded-* headers, believed only
/// from the proxies in ForwardedHeaders:KnownProxies and :KnownNetworks (and loopback).
/// </summary>
public static class Proxies
{
    public static IServiceCollection AddProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.ForwardLimit = proxies.Value.ForwardLimit;
            foreach (var address in proxies.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in proxies.Value.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline: HTTPS redirection, HSTS, secure cookies (SameAsRequest), the rate limits' partitions and
    /// the audit trail's addresses all need the client's scheme and address, not the proxy's.
    /// </summary>
    public static WebApplication UseProxies(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
