using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.SignOffs;

/// <summary>
/// A supervisor records the credential they hold and their years supervising peers. The change is pending until an
/// institute admin confirms it (<see cref="ConfirmSupervisorQualification"/>): a supervisor cannot qualify themselves.
/// Each change is audited.
/// </summary>
public static class UpdateSupervisorProfile
{
    public sealed record Command(string PersonId, string? CredentialHeld, int? YearsSupervisingPeers) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CredentialHeld).NotEmpty().WithMessage("Enter the credential you hold (for example: CARC, CPRS, LMSW).").MaximumLength(200);
            RuleFor(c => c.YearsSupervisingPeers).NotNull().WithMessage("Enter how many years you have supervised peers.")
                .InclusiveBetween(0, 60).WithMessage("Enter a number of years from 0 to 60.");
        }
    }

    public sealed class Handler(TrainingHubDb db, SupervisorRules rules, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            if ((await rules.SupervisedSitesAsync(command.PersonId, ct)).Count == 0)
            {
                throw new ForbiddenException("Only a supervisor of a site has a supervisor profile.");
            }
            var profile = await db.SupervisorProfiles.SingleOrDefaultAsync(p => p.PersonId == command.PersonId, ct);
            if (profile is null)
            {
                profile = new SupervisorProfile { PersonId = command.PersonId };
                db.SupervisorProfiles.Add(profile);
            }
            var before = profile.HasPending ? $"pending {profile.PendingCredentialHeld}, {profile.PendingYearsSupervisingPeers} years" : "nothing pending";
            var now = clock.GetUtcNow().UtcDateTime;
            profile.PendingCredentialHeld = command.CredentialHeld!.Trim();
            profile.PendingYearsSupervisingPeers = command.YearsSupervisingPeers!.Value;
            profile.PendingSince = now;
            profile.UpdatedAt = now;
            audit.Record(command.PersonId, AuditActions.SupervisorProfileUpdated, $"person/{command.PersonId}",
                $"{before} -> pending {profile.PendingCredentialHeld}, {profile.PendingYearsSupervisingPeers} years (in force: {(profile.IsConfirmed ? $"{profile.CredentialHeld}, {profile.YearsSupervisingPeers} years" : "none confirmed")})");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
