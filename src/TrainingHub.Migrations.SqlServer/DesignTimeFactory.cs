using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TrainingHub.Data;

namespace TrainingHub.Migrations.SqlServer;

/// <summary>Lets dotnet-ef build the model for this provider without starting the site (no database is contacted).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrainingHubDb>
{
    public TrainingHubDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<TrainingHubDb>();
        o.UseSqlServer("Server=design-time;Database=TrainingHub;Trusted_Connection=True;TrustServerCertificate=True", x => x.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name));
        return new TrainingHubDb(o.Options);
    }
}
