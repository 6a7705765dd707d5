using System.Net;

namespace TrainingHub.Browser.Tests;

/// <summary>The real site on a real Kestrel port, with demo data in a SQLite file of its own.</summary>
public sealed class SiteFactory : TrainingHubSite
{
    public SiteFactory()
    {
        // The port is chosen before start-up because Institute:PublicBaseUrl must name it while the site is configured.
        var port = FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        Settings["Accounts:RequestsPerMinutePerAddress"] = "10000";
    }

    public Uri BaseAddress { get; }

    protected override string PublicBaseUrl => BaseAddress.ToString().TrimEnd('/');

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
