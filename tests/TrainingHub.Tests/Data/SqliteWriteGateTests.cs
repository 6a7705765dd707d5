using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Tests.Data;

[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static AuditEvent Event(string details) => new()
    {
        OccurredAt = DateTime.UtcNow,
        Action = "test.gate",
        Subject = "gate",
        Details = details,
    };

    private async Task<int> Count(string details)
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().AuditEvents.CountAsync(a => a.Details == details);
    }

    [Fact]
    public async Task A_save_waits_its_turn_at_the_gate_and_goes_on_when_the_writer_before_it_is_done()
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var gate = scope.ServiceProvider.GetRequiredService<SqliteWriteGate>().For(db.Database.GetConnectionString()!);

        await gate.WaitAsync();
        db.AuditEvents.Add(Event("queued"));
        var save = db.SaveChangesAsync();
        await Task.Delay(300);
        Assert.False(save.IsCompleted);
        Assert.Equal(0, await Count("queued"));

        gate.Release();
        Assert.Equal(1, await save.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await Count("queued"));
        Assert.Equal(1, gate.CurrentCount);
    }

    [Fact]
    public async Task A_save_inside_its_own_transaction_does_not_wait_at_the_gate()
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var gate = scope.ServiceProvider.GetRequiredService<SqliteWriteGate>().For(db.Database.GetConnectionString()!);

        await using var transaction = await db.Database.BeginTransactionAsync();
        await gate.WaitAsync();
        try
        {
            db.AuditEvents.Add(Event("in a transaction"));
            Assert.Equal(1, await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            await transaction.CommitAsync();
        }
        finally
        {
            gate.Release();
        }
        Assert.Equal(1, await Count("in a transaction"));
    }

    [Fact]
    public async Task A_save_that_fails_hands_the_gate_on()
    {
        await using (var scope = _host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            // A clock for nobody: the foreign key refuses it.
            db.SeatTimeClocks.Add(new SeatTimeClock { PersonId = "nobody", LastBeatAt = DateTime.UtcNow, Version = Guid.NewGuid() });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(1, scope.ServiceProvider.GetRequiredService<SqliteWriteGate>().For(db.Database.GetConnectionString()!).CurrentCount);
        }
        await using (var scope = _host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            db.AuditEvents.Add(Event("after the failure"));
            Assert.Equal(1, await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }
        Assert.Equal(1, await Count("after the failure"));
    }
}
