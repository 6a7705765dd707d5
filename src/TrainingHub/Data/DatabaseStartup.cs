using Microsoft.AspNetCore.Identity;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Data;

/// <summary>Brings the database to the current migration (when told to) and makes sure the roles and the institute exist.</summary>
public sealed class DatabaseStartup(TrainingHubDb db, RoleManager<IdentityRole> roles, IOptions<DatabaseOptions> database,
    IOptions<InstituteOptions> institute, IOptions<DemoDataOptions> demo, DemoData demoData, DemoStory story, TimeProvider clock, IHostEnvironment environment)
{
    /// <summary>What a server does when it starts: migrates only if <c>Database:MigrateOnStartup</c> (or its default) says so.</summary>
    public Task PrepareAsync(CancellationToken ct) => PrepareAsync(database.Value.MigratesOnStartup(environment), ct);

    public async Task PrepareAsync(bool migrate, CancellationToken ct)
    {
        if (migrate) await CreateDatabaseIfMissingAsync(ct);
        // Servers started together take turns: without the lock both would create the same tables (42P07) or seed twice.
        await using var startupLock = await DatabaseStartupLock.TakeAsync(db, ct);
        if (migrate)
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
            if (await demoData.EnsureAsync(ct) && demo.Value.Story) await story.TellAsync(ct);
        }
    }

    /// <summary>The lock needs a database to be taken in; two servers may both find it missing, and one of them makes it.</summary>
    private async Task CreateDatabaseIfMissingAsync(CancellationToken ct)
    {
        if (db.Database.IsSqlite()) return;
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct)) return;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (DbException)
        {
            if (!await creator.ExistsAsync(ct)) throw;
        }
    }
}
