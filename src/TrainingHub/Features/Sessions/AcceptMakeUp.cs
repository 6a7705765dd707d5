using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Sessions;

/// <summary>
/// A trainee accepts another site's request to make up a lesson in its session: they join that session's list, and the
/// facilitator can mark them. Accepting twice (a double click) changes nothing more.
/// </summary>
public static class AcceptMakeUp
{
    public sealed record Command(string PersonId, Guid RequestId) : ICommand, ITransactional;

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, AuditTrail audit, IOptions<InstituteOptions> institute) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var request = await db.MakeUpRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == command.RequestId && r.PersonId == command.PersonId, ct)
                ?? throw new NotFoundException("There is no such make-up request for you.");
            if (!institute.Value.AllowCrossSiteMakeUps)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.RequestId), "The institute no longer allows make-ups at another site. Ask your own site's facilitator.")]);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.MakeUpRequests.Where(r => r.Id == request.Id && r.AcceptedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.AcceptedAt, now), ct);
            if (claimed == 0) return Unit.Value;
            AddMakeUpAttendee.AddToList(db, request.SessionId, request.PersonId, request.RequestedById, clock);
            audit.Record(command.PersonId, AuditActions.MakeUpAccepted, $"session/{request.SessionId}", $"accepted make-up request {request.Id}");
            return Unit.Value;
        }
    }
}
