using System.Net;

namespace TrainingHub.Web.Tests;

/// <summary>The real site on a real loopback port, for tools outside this process (node's verifiers) to fetch from.</summary>
public sealed class KestrelSite : TrainingHubSite
{
    public KestrelSite()
    {
        // The port is chosen before start-up because Institute:PublicBaseUrl must name it while the site is configured.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        Settings["Certificates:VerifyRequestsPerMinute"] = "10000";
    }

    public Uri BaseAddress { get; }

    protected override string PublicBaseUrl => BaseAddress.ToString().TrimEnd('/');

    public HttpClient Client()
    {
        StartServer();
        return new HttpClient { BaseAddress = BaseAddress };
    }
}
