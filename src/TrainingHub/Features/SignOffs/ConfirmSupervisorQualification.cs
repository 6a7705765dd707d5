using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.SignOffs;

/// <summary>
/// An institute admin confirms the qualification a supervisor entered: it becomes the qualification in force, with who
/// confirmed it and when (audited). The admin confirms what they saw: if the supervisor changed it since, nothing is
/// confirmed and the admin looks again.
/// </summary>
public static class ConfirmSupervisorQualification
{
    public sealed record Command(string AdminId, string PersonId, string? CredentialHeld, int? YearsSupervisingPeers) : ICommand, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin can confirm supervisors' qualifications.";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PersonId).NotEmpty().WithMessage("Choose the supervisor whose qualification you confirm.");
            RuleFor(c => c.CredentialHeld).NotEmpty().WithMessage("The credential to confirm is missing. Reload the page and try again.").MaximumLength(200);
            RuleFor(c => c.YearsSupervisingPeers).NotNull().WithMessage("The years to confirm are missing. Reload the page and try again.")
                .InclusiveBetween(0, 60).WithMessage("Years supervising must be from 0 to 60.");
        }
    }

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var profile = await db.SupervisorProfiles.SingleOrDefaultAsync(p => p.PersonId == command.PersonId, ct)
                ?? throw new NotFoundException("There is no such supervisor profile.");
            if (!profile.HasPending)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.PersonId), "Nothing waits for confirmation on this profile.")]);
            }
            if (profile.PendingCredentialHeld != command.CredentialHeld!.Trim() || profile.PendingYearsSupervisingPeers != command.YearsSupervisingPeers)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.PersonId),
                    "The supervisor changed their qualification after you opened this page. Check the new details before you confirm.")]);
            }
            var before = profile.IsConfirmed ? $"{profile.CredentialHeld}, {profile.YearsSupervisingPeers} years" : "none confirmed";
            var now = clock.GetUtcNow().UtcDateTime;
            profile.CredentialHeld = profile.PendingCredentialHeld!;
            profile.YearsSupervisingPeers = profile.PendingYearsSupervisingPeers!.Value;
            profile.ConfirmedById = command.AdminId;
            profile.ConfirmedAt = now;
            profile.PendingCredentialHeld = null;
            profile.PendingYearsSupervisingPeers = null;
            profile.PendingSince = null;
            profile.UpdatedAt = now;
            audit.Record(command.AdminId, AuditActions.SupervisorQualificationConfirmed, $"person/{profile.PersonId}",
                $"{before} -> {profile.CredentialHeld}, {profile.YearsSupervisingPeers} years");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
