using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TrainingHub.Data;

namespace TrainingHub.Tests.Data;

public sealed class MigrationsTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "SqlServer", "PostgreSql" };

    private static TrainingHubDb Design(string provider)
    {
        var assembly = Assembly.Load($"TrainingHub.Migrations.{provider}");
        var factory = (IDesignTimeDbContextFactory<TrainingHubDb>)Activator.CreateInstance(assembly.GetTypes().Single(t => t.Name == "DesignTimeFactory"))!;
        return factory.CreateDbContext([]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_provider_has_migrations_matching_the_current_model(string provider)
    {
        using var db = Design(provider);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model changed without a migration; run tools/add-migration.sh NAME");
    }

    [Fact]
    public void The_three_providers_have_the_same_migrations_in_the_same_order()
    {
        static IEnumerable<string> Names(TrainingHubDb db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        using var sqlite = Design("Sqlite");
        using var sqlServer = Design("SqlServer");
        using var postgres = Design("PostgreSql");
        Assert.Equal(Names(sqlite), Names(sqlServer));
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}
