using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TrainingHub.Data;

namespace TrainingHub.Migrations.PostgreSql;

/// <summary>Lets dotnet-ef build the model for this provider without starting the site (no database is contacted).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrainingHubDb>
{
    public TrainingHubDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<TrainingHubDb>();
        o.UseNpgsql("Host=design-time;Database=traininghub", x => x.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name));
        return new TrainingHubDb(o.Options);
    }
}
