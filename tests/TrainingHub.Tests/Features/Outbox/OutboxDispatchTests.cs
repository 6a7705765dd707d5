using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features.Outbox;

namespace TrainingHub.Tests.Features.Outbox;

/// <summary>A kind of work only these tests queue: it e-mails through the configured sender, slowly, so dispatchers overlap.</summary>
public sealed record TestNotice(int Number) : IOutboxMessage
{
    public static OutboxKind Kind => (OutboxKind)900;
    public string Key => $"test-notice/{Number}";
}

public sealed class SlowNoticeEmail(IMailSender mail) : IOutboxHandler<TestNotice>
{
    public async Task HandleAsync(TestNotice message, OutboxDelivery delivery, CancellationToken ct)
    {
        await Task.Delay(15, ct);
        await mail.SendAsync(new MailMessage("someone@example.org", "Someone", $"Notice {message.Number}", "Hello", SendKey: delivery.MessageId.ToString()), ct);
    }
}

public sealed record BrokenNotice(int Number) : IOutboxMessage
{
    public static OutboxKind Kind => (OutboxKind)901;
    public string Key => $"broken-notice/{Number}";
}

public sealed class BrokenNoticeHandler : IOutboxHandler<BrokenNotice>
{
    public Task HandleAsync(BrokenNotice message, OutboxDelivery delivery, CancellationToken ct) => throw new InvalidOperationException("The mail server refused the message.");
}

public sealed class OutboxDispatchTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private readonly ErrorLog _errors = new();

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(demoData: false, configure: s =>
    {
        s.AddOutboxHandler<TestNotice, SlowNoticeEmail>();
        s.AddOutboxHandler<BrokenNotice, BrokenNoticeHandler>();
        s.AddSingleton<ILoggerProvider>(_errors);
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task Queue<T>(IEnumerable<T> messages) where T : IOutboxMessage
    {
        await using var scope = _host.Scope();
        var outbox = scope.ServiceProvider.GetRequiredService<TrainingHub.Features.Outbox.Outbox>();
        foreach (var m in messages) outbox.Add(m);
        await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().SaveChangesAsync();
    }

    private async Task<int> Dispatch()
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchOutbox.Command());
    }

    private async Task<List<OutboxMessage>> Rows()
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().OutboxMessages.AsNoTracking().ToListAsync();
    }

    private string[] Mail() => Directory.Exists(Path.Combine(_host.Folder, "mail"))
        ? Directory.GetFiles(Path.Combine(_host.Folder, "mail")).Select(File.ReadAllText).ToArray()
        : [];

    [Fact]
    public async Task Four_dispatchers_racing_over_the_same_rows_send_each_email_exactly_once()
    {
        await Queue(Enumerable.Range(1, 40).Select(n => new TestNotice(n)));

        var handled = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Dispatch)));

        Assert.Equal(40, handled.Sum());
        var mail = Mail();
        Assert.Equal(40, mail.Length);
        Assert.Equal(40, mail.Select(m => m.Split('\n').Single(l => l.StartsWith("Subject:", StringComparison.Ordinal))).Distinct().Count());
        var rows = await Rows();
        Assert.All(rows, r => Assert.NotNull(r.ProcessedAt));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public async Task An_email_carries_a_message_id_derived_from_its_outbox_row_so_a_resend_is_recognisable()
    {
        await Queue([new TestNotice(1)]);
        await Dispatch();

        var row = Assert.Single(await Rows());
        var expected = MailMessage.MessageIdFor(row.Id.ToString(), new TrainingHub.Infrastructure.EmailOptions().FromAddress);
        Assert.Contains($"Message-Id: <{expected}>", Assert.Single(Mail()), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_row_leased_by_a_live_worker_is_left_alone_and_one_whose_worker_died_is_handled_after_the_lease_expires()
    {
        await Queue([new TestNotice(1), new TestNotice(2)]);
        await using (var scope = _host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var now = DateTime.UtcNow;
            await db.OutboxMessages.Where(m => m.Key == "test-notice/1").ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, "live").SetProperty(m => m.LeasedUntil, now.AddMinutes(4)));
            await db.OutboxMessages.Where(m => m.Key == "test-notice/2").ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, "dead").SetProperty(m => m.LeasedUntil, now.AddSeconds(-1)));
        }

        Assert.Equal(1, await Dispatch());

        var rows = (await Rows()).ToDictionary(r => r.Key);
        Assert.Null(rows["test-notice/1"].ProcessedAt);
        Assert.NotNull(rows["test-notice/2"].ProcessedAt);
        Assert.Contains("Subject: Notice 2", Assert.Single(Mail()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_that_fails_every_attempt_is_given_up_at_the_limit_logged_once_as_an_error_and_not_tried_again()
    {
        await Queue([new BrokenNotice(1)]);

        for (var i = 0; i < DispatchOutbox.MaxAttempts + 3; i++) await Dispatch();

        var row = Assert.Single(await Rows());
        Assert.Equal(DispatchOutbox.MaxAttempts, row.Attempts);
        Assert.NotNull(row.GaveUpAt);
        Assert.Null(row.ProcessedAt);
        Assert.Equal("The mail server refused the message.", row.LastError);
        Assert.Single(_errors.Lines, l => l.Contains("broken-notice/1", StringComparison.Ordinal));
    }

    private sealed class ErrorLog : ILoggerProvider
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(ErrorLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel < LogLevel.Error) return;
                lock (log.Lines) log.Lines.Add(formatter(state, exception));
            }
        }
    }
}
