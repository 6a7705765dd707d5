using Mediator;
using TrainingHub.Features.Outbox;
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

/// <summary>Issues the certificate of one request (an outbox row). Safe to run twice or on two servers: issuance is exactly once.</summary>
public sealed class CertificateRequestJob(ISender sender)
{
    public async Task RunAsync(Guid outboxMessageId) => await sender.Send(new DispatchOutbox.Command(MaxMessages: 1, MessageId: outboxMessageId));
}
