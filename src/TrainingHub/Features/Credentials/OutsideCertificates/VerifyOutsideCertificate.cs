using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Credentials.OutsideCertificates;

/// <summary>
/// An institute admin verifies an outside certificate (hours per domain, provider and its approval number, date,
/// delivery) or refuses it with a reason. A later decision supersedes an earlier one; none is ever edited.
/// </summary>
public static class VerifyOutsideCertificate
{
    public sealed record Command(string ActorId, Guid CertificateId, OutsideCertificateDecision? Decision, IReadOnlyDictionary<string, decimal?> HoursByDomain,
        string? ProviderName, string? ProviderBoard, string? ProviderNumber, DateOnly? CompletedOn, HoursDelivery? Delivery, string? Reason) : ICommand<Guid>, IInstituteAdminOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog, CredentialRuleBook rules, TimeProvider clock)
        {
            var domainKeys = GetOutsideCertificate.DomainChoices(catalog, rules).Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
            var boards = GetOutsideCertificate.BoardChoices(rules).Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
            RuleFor(c => c.Decision).NotNull().WithMessage("Choose whether the certificate is verified or refused.");
            When(c => c.Decision == OutsideCertificateDecision.Verified, () =>
            {
                RuleFor(c => c.HoursByDomain).Must(h => h.Keys.All(domainKeys.Contains)).WithMessage("Choose domains from the list.")
                    .Must(h => h.Values.All(v => v is null || (v is >= 0 and <= 500 && decimal.Round(v.Value, 2) == v.Value)))
                    .WithMessage("Enter each domain's hours as a number from 0 to 500, with at most two decimals.")
                    .Must(h => h.Values.Sum(v => v ?? 0) > 0).WithMessage("Enter the hours that count in at least one domain.")
                    .Must(h => h.Values.Sum(v => v ?? 0) <= 500).WithMessage("The hours add up to more than 500; check them.");
                RuleFor(c => c.ProviderName).NotEmpty().WithMessage("Enter the provider's name as the certificate shows it.").MaximumLength(200);
                RuleFor(c => c.ProviderBoard).Must(b => b is not null && boards.Contains(b)).When(c => !string.IsNullOrWhiteSpace(c.ProviderNumber))
                    .WithMessage("Choose the board whose approval number the certificate shows.");
                RuleFor(c => c.ProviderNumber).NotEmpty().When(c => !string.IsNullOrWhiteSpace(c.ProviderBoard))
                    .WithMessage("Enter the approval number the certificate shows, or choose no board.").MaximumLength(100);
                RuleFor(c => c.CompletedOn).NotNull().WithMessage("Enter the completion date the certificate shows.")
                    .Must(d => d is null || d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).WithMessage("The date cannot be in the future.");
                RuleFor(c => c.Delivery).NotNull().WithMessage("Choose how the training was delivered.");
            });
            When(c => c.Decision == OutsideCertificateDecision.Refused, () =>
            {
                RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why, so the trainee knows what to do.").MaximumLength(1000);
            });
        }
    }

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var certificate = await db.OutsideCertificates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CertificateId, ct)
                ?? throw new NotFoundException("There is no such certificate.");
            if (certificate.PersonId == command.ActorId) throw new ForbiddenException("You cannot verify your own certificate. Ask another institute admin.");
            var verified = command.Decision == OutsideCertificateDecision.Verified;
            var review = new OutsideCertificateReview
            {
                Id = Guid.NewGuid(),
                CertificateId = certificate.Id,
                Decision = command.Decision!.Value,
                ReviewedById = command.ActorId,
                ReviewedAt = clock.GetUtcNow().UtcDateTime,
                Reason = verified ? null : command.Reason!.Trim(),
                ProviderName = verified ? command.ProviderName!.Trim() : null,
                ProviderBoard = verified && !string.IsNullOrWhiteSpace(command.ProviderNumber) ? command.ProviderBoard : null,
                ProviderNumber = verified && !string.IsNullOrWhiteSpace(command.ProviderNumber) ? command.ProviderNumber.Trim() : null,
                CompletedOn = verified ? command.CompletedOn : null,
                Delivery = verified ? command.Delivery : null,
            };
            db.OutsideCertificateReviews.Add(review);
            if (verified)
            {
                foreach (var (domain, hours) in command.HoursByDomain.Where(h => h.Value > 0))
                {
                    db.OutsideHoursLines.Add(new OutsideHoursLine { Id = Guid.NewGuid(), ReviewId = review.Id, Domain = domain, Hours = hours!.Value });
                }
            }
            audit.Record(command.ActorId, verified ? AuditActions.OutsideCertificateVerified : AuditActions.OutsideCertificateRefused, $"outside-certificate/{certificate.Id}",
                verified
                    ? string.Join(", ", command.HoursByDomain.Where(h => h.Value > 0).Select(h => $"{h.Key} {h.Value} h")) + (review.ProviderNumber is null ? "" : $"; {review.ProviderBoard} {review.ProviderNumber}")
                    : review.Reason);
            await db.SaveChangesAsync(ct);
            return review.Id;
        }
    }
}
