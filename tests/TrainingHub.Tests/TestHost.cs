using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrainingHub.Data;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests;

/// <summary>The application's own services on a real SQLite file in a fresh temporary folder, with the demo sites and people.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public string Folder { get; }

    private TestHost(string folder, ServiceProvider services)
    {
        Folder = folder;
        _services = services;
    }

    public static async Task<TestHost> StartAsync(bool demoData = true, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("traininghub-tests-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["Database:DataFolder"] = folder,
            ["DemoData:Enabled"] = demoData ? "true" : "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(AppContext.BaseDirectory));
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTrainingHubCore(configuration);
        services.AddTrainingHubAccountsWithoutSignIn(configuration);
        services.AddSingleton<IRequestOrigin, LocalOrigin>();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var host = new TestHost(folder, provider);
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None);
        return host;
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "TrainingHub.Tests";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
