using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Outbox;

/// <summary>
/// An institute admin sends given-up work back to the queue (once the cause, such as a mail server's settings, is fixed):
/// it is pending again with a fresh set of attempts, and the outbox job takes it on its next pass.
/// </summary>
public static class RetryGivenUpWork
{
    public sealed record Command(string AdminId, Guid MessageId) : ICommand, ITransactional;

    public sealed class Handler(TrainingHubDb db, SiteScope scope, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            if (!await scope.IsInstituteAdminAsync(command.AdminId, ct)) throw new ForbiddenException("Only an institute admin can try work again.");
            var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == command.MessageId && m.GaveUpAt != null && m.ProcessedAt == null, ct)
                ?? throw new NotFoundException("There is no such work waiting to be tried again.");
            var attempts = message.Attempts;
            message.GaveUpAt = null;
            message.Attempts = 0;
            message.LeaseOwner = null;
            message.LeasedUntil = null;
            audit.Record(command.AdminId, AuditActions.OutboxRetried, $"outbox/{message.Id}", $"{message.Kind} {message.Key} after {attempts} attempts");
            return Unit.Value;
        }
    }
}
