using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Tests.Data;

[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class SqliteCommitGroupTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<int> Count(string details)
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().AuditEvents.CountAsync(a => a.Details == details);
    }

    private static Action<TrainingHubDb> Audit(string details) => db => db.AuditEvents.Add(new AuditEvent
    {
        OccurredAt = DateTime.UtcNow,
        Action = "test.group",
        Subject = "group",
        Details = details,
    });

    [Fact]
    public async Task Writes_arriving_together_are_all_committed_and_one_that_fails_is_refused_alone()
    {
        await using var scope = _host.Scope();
        var group = scope.ServiceProvider.GetRequiredService<SqliteCommitGroup>();

        // Queued while the gate is held, so they wait and share one commit.
        var gate = scope.ServiceProvider.GetRequiredService<SqliteWriteGate>().For(scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Database.GetConnectionString()!);
        await gate.WaitAsync();
        var writes = Enumerable.Range(0, 20).Select(i => group.SaveAsync(Audit($"group write {i}"))).ToList();
        // Two rows, the second a clock for nobody, which the foreign key refuses: neither row may be left behind.
        var bad = group.SaveAsync(db =>
        {
            Audit("half of the failed write")(db);
            db.SeatTimeClocks.Add(new SeatTimeClock { PersonId = "nobody", LastBeatAt = DateTime.UtcNow, Version = Guid.NewGuid() });
        });
        writes.AddRange(Enumerable.Range(20, 20).Select(i => group.SaveAsync(Audit($"group write {i}"))));
        await Task.Delay(200);
        Assert.All(writes, w => Assert.False(w.IsCompleted));
        gate.Release();

        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<DbUpdateException>(() => bad);
        for (var i = 0; i < 40; i++) Assert.Equal(1, await Count($"group write {i}"));
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().SeatTimeClocks.CountAsync(c => c.PersonId == "nobody"));
        Assert.Equal(0, await Count("half of the failed write"));
    }

    [Fact]
    public async Task A_write_whose_staging_throws_fails_alone()
    {
        await using var scope = _host.Scope();
        var group = scope.ServiceProvider.GetRequiredService<SqliteCommitGroup>();

        var good = group.SaveAsync(Audit("before the broken one"));
        var broken = group.SaveAsync(_ => throw new InvalidOperationException("broken staging"));
        var after = group.SaveAsync(Audit("after the broken one"));

        await Task.WhenAll(good, after).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("broken staging", (await Assert.ThrowsAsync<InvalidOperationException>(() => broken)).Message);
        Assert.Equal(1, await Count("before the broken one"));
        Assert.Equal(1, await Count("after the broken one"));
    }
}
