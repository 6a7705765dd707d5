using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.SignOffs;

/// <summary>
/// A supervisor approves (with the attestation, their typed full name and their password) or rejects (with a reason)
/// pending items. Writes one immutable SignOff; approved hours move from pending to credited as a pair of ledger entries.
/// </summary>
public static class DecideSignOff
{
    public sealed record ItemRef(SignOffSubject Subject, Guid Id);

    public sealed record Command(string SupervisorId, SignOffDecision Decision, IReadOnlyList<ItemRef> Items, string? TypedName, string? Password,
        bool AttestationConfirmed, string? Reason) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Items).NotEmpty().WithMessage("Choose at least one item.");
            When(c => c.Decision == SignOffDecision.Approved, () =>
            {
                RuleFor(c => c.AttestationConfirmed).Equal(true).WithMessage("Tick the box to confirm the statement.");
                RuleFor(c => c.TypedName).NotEmpty().WithMessage("Type your full name to sign.");
                RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password again to sign.");
            });
            When(c => c.Decision == SignOffDecision.Rejected, () =>
            {
                RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why, so the trainee knows what to put right.").MaximumLength(1000);
            });
        }
    }

    public sealed class Handler(TrainingHubDb db, SupervisorRules rules, UserManager<Person> users, HoursLedger ledger, Pipeline.UnitOfWork unitOfWork, Outbox.Outbox outbox,
        TimeProvider clock, AuditTrail audit, IRequestOrigin origin, IOptions<SignOffOptions> options) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var supervisor = await users.FindByIdAsync(command.SupervisorId) ?? throw new ForbiddenException("Only a supervisor of a site can sign off hours.");
            var hoursIds = command.Items.Where(i => i.Subject == SignOffSubject.Hours).Select(i => i.Id).ToList();
            var practicumIds = command.Items.Where(i => i.Subject == SignOffSubject.Practicum).Select(i => i.Id).ToList();
            var hours = await PendingItems.Hours(db).Where(h => hoursIds.Contains(h.Id)).ToListAsync(ct);
            var practicum = await PendingItems.Practicum(db).Where(p => practicumIds.Contains(p.Id)).ToListAsync(ct);
            if (hours.Count != hoursIds.Count || practicum.Count != practicumIds.Count)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.Items), "Some of these items were already signed off or rejected. Reload the page to see what is still waiting.")]);
            }

            var site = await rules.RequireSupervisesAsync(command.SupervisorId, hours, practicum, ct);

            SupervisorProfile? qualification = null;
            if (command.Decision == SignOffDecision.Approved)
            {
                qualification = await rules.RequireQualifiedAsync(command.SupervisorId, ct);
                if (!NamesMatch(command.TypedName!, supervisor.FullName))
                {
                    throw new ValidationException([new ValidationFailure(nameof(Command.TypedName), Localization.Words.Current["Type your full name as it is on your account: {0}.", supervisor.FullName])]);
                }
                // The password typed here is the sign-in password and shares its lockout (docs/decisions/0014): a wrong one counts
                // as a failed sign-in, and while the account is paused no password is checked or counted, as at sign-in.
                if (await users.IsLockedOutAsync(supervisor))
                {
                    throw new ValidationException([new ValidationFailure(nameof(Command.Password), PausedMessage)]);
                }
                if (!await users.CheckPasswordAsync(supervisor, command.Password!))
                {
                    await users.AccessFailedAsync(supervisor);
                    throw new ValidationException([new ValidationFailure(nameof(Command.Password), await users.IsLockedOutAsync(supervisor)
                        ? PausedMessage
                        : "That password is not right. Enter the password you sign in with.")]);
                }
                await users.ResetAccessFailedCountAsync(supervisor);
            }

            var signOff = new SignOff
            {
                Id = Guid.NewGuid(),
                SupervisorId = supervisor.Id,
                SiteId = site,
                Decision = command.Decision,
                Statement = command.Decision == SignOffDecision.Approved ? options.Value.AttestationStatement : "Rejected",
                TypedName = command.TypedName?.Trim() ?? supervisor.FullName,
                Reason = command.Reason?.Trim(),
                SignedAt = clock.GetUtcNow().UtcDateTime,
                IpAddress = origin.IpAddress,
                QualificationCredential = qualification?.CredentialHeld,
                QualificationYears = qualification?.YearsSupervisingPeers,
                QualificationConfirmedAt = qualification?.ConfirmedAt,
            };
            db.SignOffs.Add(signOff);
            foreach (var h in hours)
            {
                db.SignOffItems.Add(new SignOffItem { Id = Guid.NewGuid(), SignOffId = signOff.Id, Subject = SignOffSubject.Hours, SubjectId = h.Id, PersonId = h.PersonId, Hours = h.Hours });
            }
            foreach (var p in practicum)
            {
                db.SignOffItems.Add(new SignOffItem { Id = Guid.NewGuid(), SignOffId = signOff.Id, Subject = SignOffSubject.Practicum, SubjectId = p.Id, PersonId = p.PersonId, Hours = p.Hours });
            }

            foreach (var h in hours)
            {
                if (command.Decision == SignOffDecision.Approved)
                {
                    ledger.Restate(h, HoursStatus.Credited, $"signed off by {supervisor.FullName}", supervisor.Id, $"signoff/{signOff.Id}/{h.Id}");
                }
                else
                {
                    ledger.Reverse(h, $"not signed off: {signOff.Reason}", supervisor.Id);
                }
            }
            outbox.Add(new Outbox.SignOffDecided(signOff.Id));
            audit.Record(supervisor.Id, command.Decision == SignOffDecision.Approved ? AuditActions.SignOffApproved : AuditActions.SignOffRejected,
                $"signoff/{signOff.Id}", $"{hours.Count} hours entries, {practicum.Count} practicum entries{(signOff.Reason is null ? "" : ": " + signOff.Reason)}");

            // One save, so one transaction, and not ITransactional: a wrong password must stay counted towards the lockout
            // although the command fails, and a pipeline transaction would roll that count back.
            await unitOfWork.SaveAsync(ct);
            return signOff.Id;
        }

        /// <summary>Said only to the signed-in supervisor, who already knows the account exists.</summary>
        public const string PausedMessage = "After several wrong passwords your account is paused for a few minutes. Wait, then sign again; " +
                                            "if you have forgotten your password, sign out and reset it.";

        private static bool NamesMatch(string typed, string fullName) =>
            string.Equals(Normalise(typed), Normalise(fullName), StringComparison.OrdinalIgnoreCase);

        private static string Normalise(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
