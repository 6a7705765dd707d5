using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TrainingHub.Browser.Tests;

/// <summary>The real site on a real Kestrel port, with demo data in a SQLite file of its own.</summary>
public sealed class SiteFactory : WebApplicationFactory<Program>
{
    private readonly string _dataFolder;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;

    /// <param name="settings">Configuration a fixture needs on top of the browser tests' own.</param>
    /// <param name="clock">The site's clock, when a test must move time on; otherwise the system's.</param>
    public SiteFactory(string dataFolder, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null)
    {
        _dataFolder = dataFolder;
        _settings = settings ?? new Dictionary<string, string>();
        _clock = clock;
        // The port is chosen before start-up because Institute:PublicBaseUrl must name it while the site is configured.
        var port = FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
    }

    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // UseSetting, not ConfigureAppConfiguration: the site reads these while its services are being added.
        builder.UseSetting("Database:DataFolder", _dataFolder);
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("Accounts:RequestsPerMinutePerAddress", "10000");
        builder.UseSetting("Institute:PublicBaseUrl", BaseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_clock is { } clock)
        {
            // After the site's own services: the last TimeProvider registered is the one handlers get.
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
