using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TrainingHub.Data;

namespace TrainingHub.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the model for this provider without starting the site (no database is contacted).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrainingHubDb>
{
    public TrainingHubDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<TrainingHubDb>();
        o.UseSqlite("Data Source=design-time.db", x => x.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name));
        return new TrainingHubDb(o.Options);
    }
}
