using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Credentials.Records;

/// <summary>A person signs a board's code of ethics for a credential: a ticked statement and their typed full name, kept unchanged.</summary>
public static class SignCodeOfEthics
{
    public sealed record Command(string PersonId, string CredentialId, bool Confirmed, string? TypedName) : ICommand<Guid>;

    public static string Statement(CredentialRuleSet rules) =>
        $"I have read the {rules.BoardName} code of ethics, and I agree to follow it as an applicant for, and holder of, the {rules.Name}.";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CredentialRuleBook rules)
        {
            RuleFor(c => c.CredentialId).Must(id => rules.Find(id)?.Requirements.Any(r => r.Kind == RequirementKind.CodeOfEthicsSigned) == true)
                .WithMessage("This credential does not ask you to sign a code of ethics.")
                .Must(id => rules.Find(id)?.Requirements.Any(r => r.Kind == RequirementKind.CodeOfEthicsSigned && r.CodeId is not null) != true)
                .WithMessage("For this credential, read and sign the code of ethics on its own page (linked from My credentials).");
            RuleFor(c => c.Confirmed).Equal(true).WithMessage("Tick the box to confirm the statement.");
            RuleFor(c => c.TypedName).NotEmpty().WithMessage("Type your full name to sign.").MaximumLength(200);
        }
    }

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules, TimeProvider clock, AuditTrail audit, IRequestOrigin origin) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var fullName = await db.Users.AsNoTracking().Where(u => u.Id == command.PersonId).Select(u => u.FullName).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("There is no such person.");
            if (!SameName(command.TypedName!, fullName))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.TypedName), Localization.Words.Current["Type your full name as it is on your account: {0}.", fullName])]);
            }
            if (await db.CodeOfEthicsSignatures.AnyAsync(s => s.PersonId == command.PersonId && s.CredentialId == command.CredentialId, ct))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.CredentialId), "You have already signed the code of ethics for this credential.")]);
            }
            var set = rules.Find(command.CredentialId)!;
            var signature = new CodeOfEthicsSignature
            {
                Id = Guid.NewGuid(),
                PersonId = command.PersonId,
                CredentialId = set.Id,
                Statement = Statement(set),
                TypedName = command.TypedName!.Trim(),
                SignedAt = clock.GetUtcNow().UtcDateTime,
                IpAddress = origin.IpAddress,
            };
            db.CodeOfEthicsSignatures.Add(signature);
            audit.Record(command.PersonId, AuditActions.CodeOfEthicsSigned, $"code-of-ethics/{signature.Id}", set.Id);
            await db.SaveChangesAsync(ct);
            return signature.Id;
        }

    }

    /// <summary>A typed signature matches the account's name, whatever its case and spacing.</summary>
    public static bool SameName(string typed, string fullName) => string.Equals(Normalise(typed), Normalise(fullName), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
