using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.SignOffs;

/// <summary>After a rejection and the remediation it asked for, the trainee sends the hours back for sign-off, with a note.</summary>
public static class ResubmitHours
{
    public sealed record Command(string PersonId, Guid EntryId, string Note) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Note).NotEmpty().WithMessage("Say what you did about the supervisor's reason (for example: I met with my supervisor and redid the reflection).")
                .MaximumLength(1000);
        }
    }

    public sealed class Handler(TrainingHubDb db, HoursLedger ledger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var entry = await db.HoursEntries.AsNoTracking().SingleOrDefaultAsync(h => h.Id == command.EntryId && h.PersonId == command.PersonId, ct)
                ?? throw new NotFoundException("There is no such entry in your hours.");
            var rejected = await (from i in db.SignOffItems join s in db.SignOffs on i.SignOffId equals s.Id
                                  where i.Subject == SignOffSubject.Hours && i.SubjectId == entry.Id && s.Decision == SignOffDecision.Rejected
                                  select s.Id).AnyAsync(ct);
            if (!rejected)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.EntryId), "Only hours a supervisor did not sign off can be sent back.")]);
            }
            if (await db.HoursEntries.AnyAsync(h => h.IdempotencyKey == $"resubmit/{entry.Id}", ct))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.EntryId), "You have already sent these hours back for sign-off.")]);
            }
            ledger.Resubmit(entry, command.Note.Trim(), command.PersonId, $"resubmit/{entry.Id}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
