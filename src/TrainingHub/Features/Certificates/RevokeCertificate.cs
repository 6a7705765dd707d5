using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Certificates;

/// <summary>
/// An institute admin revokes a certificate, after confirming, with a reason the trainee is told by e-mail; the
/// verification page and the badge status list show it. A revoked certificate can then be reissued (docs/decisions/0016).
/// </summary>
public static class RevokeCertificate
{
    public const int ReasonMaxLength = 1000;

    public sealed record Command(string AdminId, Guid CertificateId, string Reason, bool Confirmed) : ICommand, IInstituteAdminOnly, ITransactional
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin can revoke a certificate.";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r))
                .WithMessage("Say why the certificate is revoked. The trainee reads this reason.")
                .MaximumLength(ReasonMaxLength).WithMessage("Keep the reason under {MaxLength:N0} characters.");
            RuleFor(c => c.Confirmed).Equal(true).WithMessage("Tick the box to confirm that this certificate should stop being valid.");
        }
    }

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, AuditTrail audit, Outbox.Outbox outbox, UnitOfWork unitOfWork) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            if (!await db.Certificates.AnyAsync(c => c.Id == command.CertificateId, ct)) throw new NotFoundException("There is no such certificate.");
            if (await db.CertificateRevocations.AnyAsync(r => r.CertificateId == command.CertificateId, ct)) throw AlreadyRevoked();
            var reason = command.Reason.Trim();
            db.CertificateRevocations.Add(new CertificateRevocation
            {
                Id = Guid.NewGuid(), CertificateId = command.CertificateId, Reason = reason, RevokedById = command.AdminId, RevokedAt = clock.GetUtcNow().UtcDateTime,
            });
            audit.Record(command.AdminId, AuditActions.CertificateRevoked, $"certificate/{command.CertificateId}", reason);
            outbox.Add(new CertificateRevokedNoticeDue(command.CertificateId));
            try
            {
                // Saved here, not by the behaviour, so a second admin revoking at the same moment gets a plain answer.
                await unitOfWork.SaveAsync(ct);
            }
            catch (DbUpdateException e) when (DbConflicts.IsLostRace(e))
            {
                throw AlreadyRevoked();
            }
            return Unit.Value;
        }

        private static ValidationException AlreadyRevoked() =>
            new([new ValidationFailure(nameof(Command.CertificateId), "This certificate is already revoked.")]);
    }
}
