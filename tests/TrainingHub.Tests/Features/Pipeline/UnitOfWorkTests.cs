using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;
using TrainingHub.Tests.Features.Outbox;

namespace TrainingHub.Tests.Features.Pipeline;

public sealed record ChangeSomething : ICommand<int>, ITransactional;

public sealed class UnitOfWorkTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private readonly KickProbe _kicks = new();

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(demoData: false, configure: s =>
    {
        s.AddSingleton<IOutboxKick>(sp => { _kicks.Scopes = sp.GetRequiredService<IServiceScopeFactory>(); return _kicks; });
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<int> Run(AsyncServiceScope scope, Func<TrainingHubDb, TrainingHub.Features.Outbox.Outbox, ValueTask<int>> handler)
    {
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<TrainingHubDb>();
        var behavior = ActivatorUtilities.CreateInstance<UnitOfWorkBehavior<ChangeSomething, int>>(sp);
        return await behavior.Handle(new ChangeSomething(), (_, _) => handler(db, sp.GetRequiredService<TrainingHub.Features.Outbox.Outbox>()), default);
    }

    private async Task<int> CountOutbox()
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().OutboxMessages.CountAsync();
    }

    [Fact]
    public async Task The_handler_only_adds_rows_the_unit_saves_them_once_and_kicks_the_outbox_after_the_commit()
    {
        await using var scope = _host.Scope();
        var result = await Run(scope, (_, outbox) =>
        {
            outbox.Add(new TestNotice(1));
            outbox.Add(new TestNotice(2));
            outbox.Add(new TestNotice(1));
            return ValueTask.FromResult(7);
        });

        Assert.Equal(7, result);
        Assert.Equal(2, await CountOutbox());
        // The probe counted the rows from its own connection when kicked: both were already committed.
        Assert.Equal([2], _kicks.RowsSeenAtEachKick);
    }

    [Fact]
    public async Task A_handler_that_fails_after_adding_rows_writes_nothing_and_starts_no_work()
    {
        await using var scope = _host.Scope();
        await Assert.ThrowsAsync<InvalidOperationException>(() => Run(scope, (db, outbox) =>
        {
            outbox.Add(new TestNotice(1));
            db.AuditEvents.Add(new AuditEvent { Action = "test", Subject = "nothing", OccurredAt = DateTime.UtcNow });
            throw new InvalidOperationException("Something went wrong half way.");
        }));

        Assert.Equal(0, await CountOutbox());
        await using var check = _host.Scope();
        Assert.False(await check.ServiceProvider.GetRequiredService<TrainingHubDb>().AuditEvents.AnyAsync(a => a.Action == "test"));
        Assert.Empty(_kicks.RowsSeenAtEachKick);
    }

    [Fact]
    public async Task A_unit_that_queued_no_work_does_not_kick_the_outbox()
    {
        await using var scope = _host.Scope();
        await Run(scope, (db, _) =>
        {
            db.AuditEvents.Add(new AuditEvent { Action = "test", Subject = "something", OccurredAt = DateTime.UtcNow });
            return ValueTask.FromResult(1);
        });

        Assert.Empty(_kicks.RowsSeenAtEachKick);
        await using var check = _host.Scope();
        Assert.True(await check.ServiceProvider.GetRequiredService<TrainingHubDb>().AuditEvents.AnyAsync(a => a.Action == "test"));
    }

    private sealed class KickProbe : IOutboxKick
    {
        public IServiceScopeFactory Scopes { get; set; } = null!;

        public List<int> RowsSeenAtEachKick { get; } = [];

        public void Kick()
        {
            using var scope = Scopes.CreateScope();
            RowsSeenAtEachKick.Add(scope.ServiceProvider.GetRequiredService<TrainingHubDb>().OutboxMessages.Count());
        }
    }
}
