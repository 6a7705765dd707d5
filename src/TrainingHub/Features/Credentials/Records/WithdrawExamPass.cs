using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Credentials.Records;

/// <summary>An institute admin withdraws an exam pass recorded by mistake, with a reason. The record stays; it no longer counts.</summary>
public static class WithdrawExamPass
{
    public sealed record Command(string ActorId, Guid ExamPassId, string? Reason) : ICommand<Guid>, IInstituteAdminOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the record is withdrawn.").MaximumLength(1000);
    }

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            if (!await db.ExamPasses.AnyAsync(p => p.Id == command.ExamPassId, ct)) throw new NotFoundException("There is no such exam record.");
            if (await db.ExamPassWithdrawals.AnyAsync(w => w.ExamPassId == command.ExamPassId, ct))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.ExamPassId), "This exam record is already withdrawn.")]);
            }
            var withdrawal = new ExamPassWithdrawal
            {
                Id = Guid.NewGuid(),
                ExamPassId = command.ExamPassId,
                Reason = command.Reason!.Trim(),
                WithdrawnById = command.ActorId,
                WithdrawnAt = clock.GetUtcNow().UtcDateTime,
            };
            db.ExamPassWithdrawals.Add(withdrawal);
            audit.Record(command.ActorId, AuditActions.ExamPassWithdrawn, $"exam-pass/{command.ExamPassId}", withdrawal.Reason);
            await db.SaveChangesAsync(ct);
            return withdrawal.Id;
        }
    }
}
