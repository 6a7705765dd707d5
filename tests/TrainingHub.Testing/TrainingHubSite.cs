using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TrainingHub.Testing;

/// <summary>
/// The real site in Development on a copy of a template database with the demo data, so starting one costs a file copy
/// rather than migrating and hashing nine passwords. Settings and the clock must be set before the site starts.
/// </summary>
public abstract class TrainingHubSite : WebApplicationFactory<Program>
{
    private DatabaseCopy? _database;

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("traininghub-site-").FullName;

    /// <summary>Configuration on top of the tests' own, applied to this site only (never to the template).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>The site's clock, when a test must move time on; otherwise the system's.</summary>
    public TimeProvider? Clock { get; init; }

    public string MailFolder => Path.Combine(DataFolder, "mail");

    /// <summary>The address the site puts in e-mailed links; null leaves the setting out, as a fresh clone does.</summary>
    protected virtual string? PublicBaseUrl => "http://localhost";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // The template is seeded with what the site's Development settings say (the institute's name among them).
        // A factory made by WithWebHostBuilder configures again, on the same data folder.
        _database ??= Task.Run(async () => await (await TemplateDatabase.For(new DatabaseSeed(Settings: DevelopmentSettings.Value))).CopyAsync(DataFolder))
            .GetAwaiter().GetResult();
        // UseSetting, not ConfigureAppConfiguration: the site reads these while its services are being added.
        builder.UseSetting("Database:DataFolder", DataFolder);
        foreach (var (key, value) in _database.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("Accounts:RequestsPerMinutePerAddress", "100000");
        if (PublicBaseUrl is { } publicBaseUrl) builder.UseSetting("Institute:PublicBaseUrl", publicBaseUrl);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (Clock is { } clock)
        {
            // After the site's own services: the last TimeProvider registered is the one handlers get.
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    private static readonly Lazy<IReadOnlyDictionary<string, string?>> DevelopmentSettings = new(() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .AddJsonFile("appsettings.Development.json", optional: true)
            .Build()
            .AsEnumerable()
            .Where(s => s.Value is not null && !s.Key.StartsWith("$schema", StringComparison.Ordinal))
            // The tests start from the quiet demo (people, sites, cohorts) and make what they need; the story is DemoStoryTests' own.
            .Select(s => s.Key == "DemoData:Story" ? new KeyValuePair<string, string?>(s.Key, "false") : s)
            .ToDictionary(s => s.Key, s => s.Value));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        if (_database is not null) Task.Run(() => _database.DisposeAsync().AsTask()).GetAwaiter().GetResult();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}
