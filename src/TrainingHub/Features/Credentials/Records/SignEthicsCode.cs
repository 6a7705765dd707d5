using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.People;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Credentials.Records;

/// <summary>
/// A person signs the version of a code of ethics (content/codes/) they just read: the ticked statement and their typed
/// full name, kept unchanged with the hash of the text. Once per person, code and version; the unique key makes two tabs
/// or a double click sign once.
/// </summary>
public static class SignEthicsCode
{
    public sealed record Command(string PersonId, string CodeId, string? Version, bool Confirmed, string? TypedName) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog)
        {
            RuleFor(c => c.PersonId).NotEmpty();
            RuleFor(c => c.CodeId).Must(id => catalog.FindCode(id) is not null).WithMessage("There is no such code of ethics.");
            RuleFor(c => c.Version).Must((c, version) => catalog.FindCode(c.CodeId) is not { } code || code.Version == version)
                .WithMessage(c => Localization.Words.Current["The code of ethics changed while you were reading it. Read version {0} below, then sign.", catalog.FindCode(c.CodeId)?.Version]);
            RuleFor(c => c.Confirmed).Equal(true).WithMessage("Tick the box to confirm the statement.");
            RuleFor(c => c.TypedName).NotEmpty().WithMessage("Type your full name to sign.").MaximumLength(200).WithMessage("Your name is longer than 200 characters.");
        }
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, UnitOfWork unitOfWork, TimeProvider clock, AuditTrail audit, IRequestOrigin origin)
        : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var code = catalog.FindCode(command.CodeId)!;
            var fullName = await db.Users.AsNoTracking().Where(u => u.Id == command.PersonId).Select(u => u.FullName).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("There is no such person.");
            if (!SignCodeOfEthics.SameName(command.TypedName!, fullName))
            {
                throw SiteMembers.Invalid(nameof(Command.TypedName), $"Type your full name as it is on your account: {fullName}.");
            }
            if (await db.EthicsCodeSignatures.AnyAsync(s => s.PersonId == command.PersonId && s.CodeId == code.Id && s.Version == code.Version, ct))
            {
                throw AlreadySigned(code);
            }
            var signature = new EthicsCodeSignature
            {
                Id = Guid.NewGuid(),
                PersonId = command.PersonId,
                CodeId = code.Id,
                Version = code.Version,
                ContentHash = code.ContentHash,
                Statement = code.Statement,
                TypedName = command.TypedName!.Trim(),
                SignedAt = clock.GetUtcNow().UtcDateTime,
                IpAddress = origin.IpAddress,
            };
            db.EthicsCodeSignatures.Add(signature);
            audit.Record(command.PersonId, AuditActions.EthicsCodeSigned, $"code-of-ethics-signature/{signature.Id}", $"{code.Id} {code.Version}");
            try
            {
                await unitOfWork.SaveAsync(ct);
            }
            catch (DbUpdateException e) when (DbConflicts.IsLostRace(e))
            {
                // Another tab signed the same version at the same moment; the unique key kept its signature.
                throw AlreadySigned(code);
            }
            return signature.Id;
        }

        private static FluentValidation.ValidationException AlreadySigned(CodeOfEthics code) =>
            SiteMembers.Invalid(nameof(Command.CodeId), $"You have already signed version {code.Version} of the {code.Title}.");
    }
}
