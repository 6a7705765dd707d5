using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Certificates;

/// <summary>An institute admin revokes a certificate with a reason; the verification page and the badge status list show it.</summary>
public static class RevokeCertificate
{
    public sealed record Command(string AdminId, Guid CertificateId, string Reason) : ICommand, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin can revoke a certificate.";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the certificate is revoked.").MaximumLength(1000);
    }

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            if (!await db.Certificates.AnyAsync(c => c.Id == command.CertificateId, ct)) throw new NotFoundException("There is no such certificate.");
            if (await db.CertificateRevocations.AnyAsync(r => r.CertificateId == command.CertificateId, ct))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.CertificateId), "This certificate is already revoked.")]);
            }
            db.CertificateRevocations.Add(new CertificateRevocation
            {
                Id = Guid.NewGuid(), CertificateId = command.CertificateId, Reason = command.Reason.Trim(), RevokedById = command.AdminId, RevokedAt = clock.GetUtcNow().UtcDateTime,
            });
            audit.Record(command.AdminId, AuditActions.CertificateRevoked, $"certificate/{command.CertificateId}", command.Reason.Trim());
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
