using Mediator;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.SignOffs;

namespace TrainingHub.Jobs;

/// <summary>Hangfire jobs: thin adapters that send a request, so the rules stay in the handlers.</summary>
public sealed class OutboxJob(ISender sender)
{
    public const string Id = "outbox";

    public async Task RunAsync() => await sender.Send(new DispatchOutbox.Command());
}

public sealed class SupervisorDigestJob(ISender sender)
{
    public const string Id = "supervisor-digest";

    public async Task RunAsync() => await sender.Send(new SendSupervisorDigests.Command());
}

public sealed class SessionReminderJob(ISender sender)
{
    public const string Id = "session-reminders";

    public async Task RunAsync() => await sender.Send(new SendSessionReminders.Command());
}

public sealed class CompletionReconciliationJob(ISender sender)
{
    public const string Id = "completion-reconciliation";

    public async Task RunAsync() => await sender.Send(new ReconcileCompletions.Command());
}

/// <summary>Queues renewal reminders 180, 90 and 30 days before a held credential expires (each once).</summary>
public sealed class RenewalReminderJob(ISender sender)
{
    public const string Id = "renewal-reminders";

    public async Task RunAsync() => await sender.Send(new Features.Credentials.Held.QueueRenewalReminders.Command());
}
