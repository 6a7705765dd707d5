using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Data;

/// <summary>Brings the database to the current migration and makes sure the roles and the institute exist.</summary>
public sealed class DatabaseStartup(TrainingHubDb db, RoleManager<IdentityRole> roles, IOptions<DatabaseOptions> database,
    IOptions<InstituteOptions> institute, IOptions<DemoDataOptions> demo, DemoData demoData, TimeProvider clock)
{
    public async Task PrepareAsync(CancellationToken ct)
    {
        if (database.Value.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(ct);
        }
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets pages read while a job writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
        if (!await db.Institutes.AnyAsync(ct))
        {
            db.Institutes.Add(new Institute { Name = institute.Value.Name, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
        if (demo.Value.Enabled)
        {
            await demoData.EnsureAsync(ct);
        }
    }
}
