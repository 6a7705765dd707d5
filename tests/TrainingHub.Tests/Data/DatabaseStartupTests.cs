using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Data;

public sealed class DatabaseStartupTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Production", null, true)]
    [InlineData(DatabaseProvider.PostgreSql, "Production", null, false)]
    [InlineData(DatabaseProvider.SqlServer, "Production", null, false)]
    [InlineData(DatabaseProvider.PostgreSql, "Development", null, true)]
    [InlineData(DatabaseProvider.PostgreSql, "Production", true, true)]
    [InlineData(DatabaseProvider.Sqlite, "Development", false, false)]
    public void Servers_migrate_on_start_by_default_only_with_SQLite_or_in_Development(DatabaseProvider provider, string environment, bool? setting, bool migrates)
    {
        var options = new DatabaseOptions { Provider = provider, MigrateOnStartup = setting };
        Assert.Equal(migrates, options.MigratesOnStartup(new HostingEnvironment { EnvironmentName = environment }));
    }

    /// <summary>On the suite's database: PostgreSQL in the second pass of tools/test.sh, where servers once failed with 42P07.</summary>
    [Fact]
    public async Task Two_servers_starting_together_on_an_empty_database_both_come_up_and_the_schema_is_made_once()
    {
        var folder = Directory.CreateTempSubdirectory("traininghub-startup-").FullName;
        try
        {
            await using var database = await TemplateDatabase.EmptyAsync();
            var settings = new Dictionary<string, string?>(database.Settings) { ["DemoData:Enabled"] = "false", ["Database:MigrateOnStartup"] = "true" };
            await using var first = ApplicationServices.Build(folder, settings, clock: null, catalog: null, configure: null);
            await using var second = ApplicationServices.Build(folder, settings, clock: null, catalog: null, configure: null);

            using var together = new Barrier(2);
            async Task Start(IServiceProvider server)
            {
                await using var scope = server.CreateAsyncScope();
                var startup = scope.ServiceProvider.GetRequiredService<DatabaseStartup>();
                together.SignalAndWait(TimeSpan.FromSeconds(30));
                await startup.PrepareAsync(CancellationToken.None);
            }
            await Task.WhenAll(Task.Run(() => Start(first)), Task.Run(() => Start(second)));

            await using var scope = second.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(1, await db.Institutes.CountAsync());
            Assert.Equal(Roles.All.Order(StringComparer.Ordinal), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order(StringComparer.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
