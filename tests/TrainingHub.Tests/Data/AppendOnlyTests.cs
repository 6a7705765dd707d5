using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;

namespace TrainingHub.Tests.Data;

public sealed class AppendOnlyTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_audit_event_can_be_neither_changed_nor_deleted()
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var audit = await db.AuditEvents.FirstAsync();
        var original = audit.Details;

        audit.Details = "edited";
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        db.AuditEvents.Remove(await db.AuditEvents.FirstAsync());
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        Assert.Equal(original, (await db.AuditEvents.AsNoTracking().FirstAsync()).Details);
    }
}
