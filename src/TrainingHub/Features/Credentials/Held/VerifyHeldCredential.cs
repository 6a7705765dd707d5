using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Credentials.Held;

/// <summary>
/// An institute admin verifies a held credential against the board's letter (or the board's public look-up), or does not
/// accept it with a reason. As with outside certificates, a later decision supersedes an earlier one; none is edited.
/// </summary>
public static class VerifyHeldCredential
{
    public sealed record Command(string ActorId, Guid HeldCredentialId, OutsideCertificateDecision? Decision, string? Reason) : ICommand<Guid>, IInstituteAdminOnly, ITransactional;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).NotNull().WithMessage("Choose whether the credential is verified or not accepted.");
            RuleFor(c => c.Reason).NotEmpty().When(c => c.Decision == OutsideCertificateDecision.Refused)
                .WithMessage("Say why, so the person knows what to do.").MaximumLength(1000);
        }
    }

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var held = await db.HeldCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.HeldCredentialId, ct)
                ?? throw new NotFoundException("There is no such credential record.");
            if (held.PersonId == command.ActorId) throw new ForbiddenException("You cannot verify your own credential. Ask another institute admin.");
            var verified = command.Decision == OutsideCertificateDecision.Verified;
            var review = new HeldCredentialReview
            {
                Id = Guid.NewGuid(),
                HeldCredentialId = held.Id,
                Decision = command.Decision!.Value,
                ReviewedById = command.ActorId,
                ReviewedAt = clock.GetUtcNow().UtcDateTime,
                Reason = verified ? null : command.Reason!.Trim(),
            };
            db.HeldCredentialReviews.Add(review);
            audit.Record(command.ActorId, verified ? AuditActions.HeldCredentialVerified : AuditActions.HeldCredentialRefused, $"held-credential/{held.Id}",
                verified ? $"{held.CredentialId} number {held.Number}" : review.Reason);
            return review.Id;
        }
    }
}
