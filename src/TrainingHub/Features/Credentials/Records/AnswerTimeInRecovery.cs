using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Credentials.Records;

/// <summary>
/// A person answers yes or no to "at least N years in recovery", for a credential that asks it. Only the answer is
/// kept, never a date; a new answer is a new record, and the latest one counts.
/// </summary>
public static class AnswerTimeInRecovery
{
    public sealed record Command(string PersonId, int Years, bool? Answer) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CredentialRuleBook rules)
        {
            RuleFor(c => c.PersonId).NotEmpty();
            RuleFor(c => c.Years).Must(y => rules.All.Any(s => s.Requirements.Any(r => r.Kind == RequirementKind.TimeInRecovery && r.Years == y)))
                .WithMessage("No credential asks this question.");
            RuleFor(c => c.Answer).NotNull().WithMessage("Choose yes or no.");
        }
    }

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var attestation = new RecoveryTimeAttestation
            {
                Id = Guid.NewGuid(),
                PersonId = command.PersonId,
                Years = command.Years,
                Affirmed = command.Answer!.Value,
                AttestedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.RecoveryTimeAttestations.Add(attestation);
            // The audit trail says that the question was answered, not the answer: that stays with the person's record.
            audit.Record(command.PersonId, AuditActions.RecoveryTimeAttested, $"recovery-time/{attestation.Id}", $"answered the {command.Years}-year question");
            await db.SaveChangesAsync(ct);
            return attestation.Id;
        }
    }
}
