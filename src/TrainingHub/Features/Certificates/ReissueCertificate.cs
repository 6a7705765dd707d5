using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Certificates;

/// <summary>
/// After a correction (for example the trainee's name), an institute admin issues a new certificate from the current
/// record, with a new code; the old code then shows as superseded, or stays revoked if it was revoked
/// (docs/decisions/0016). A certificate is replaced at most once. The reason is audited.
/// </summary>
public static class ReissueCertificate
{
    public sealed record Command(string AdminId, Guid CertificateId, string Reason) : ICommand<Guid>, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin can reissue a certificate.";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Say what was corrected.").MaximumLength(1000);
    }

    public sealed class Handler(TrainingHubDb db, CertificateIssuer issuer) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var old = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CertificateId, ct)
                ?? throw new NotFoundException("There is no such certificate.");
            if (await db.Certificates.AnyAsync(c => c.SupersedesId == old.Id, ct))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.CertificateId), "This certificate was already replaced; reissue the newest one instead.")]);
            }
            var issueNumber = int.Parse(old.IssueKey[(old.IssueKey.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture) + 1;
            var issued = await issuer.IssueAsync(old.EnrollmentId, old.CourseVersion, issueNumber, old.Id, command.AdminId, ct, command.Reason.Trim());
            return issued.Id;
        }
    }
}
