using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrainingHub.Content;
using TrainingHub.Infrastructure;

namespace TrainingHub.Testing;

/// <summary>The application's own services, without the web site, as jobs and the CLI compose them.</summary>
public static class ApplicationServices
{
    public static ServiceProvider Build(string dataFolder, IDictionary<string, string?> settings, TimeProvider? clock, CourseCatalog? catalog,
        Action<IServiceCollection>? configure)
    {
        var values = new Dictionary<string, string?>(settings) { ["Database:DataFolder"] = dataFolder };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(AppContext.BaseDirectory));
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTrainingHubCore(configuration);
        services.AddTrainingHubAccountsWithoutSignIn(configuration);
        // The jobs run inside the web host, whose identity has the token providers: the outbox's password-reset e-mail needs one.
        new IdentityBuilder(typeof(TrainingHub.Domain.Person), typeof(IdentityRole), services).AddDefaultTokenProviders();
        services.AddSingleton<IRequestOrigin, LocalOrigin>();
        // After AddTrainingHubCore: the last registration wins.
        if (clock is not null) services.AddSingleton(clock);
        // The catalog is immutable: load the content once per run.
        if (catalog is not null) services.AddSingleton(catalog);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "TrainingHub.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
