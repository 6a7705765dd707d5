using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.OutsideCertificates;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Credentials.Held;

/// <summary>
/// A person records a credential a board awarded them (which one, its number, the award date and, if the letter gives
/// it, the expiry) with the board's letter or certificate. The file is checked like an outside certificate's. It counts
/// once an institute admin verifies it.
/// </summary>
public static class RecordHeldCredential
{
    public sealed record Command(string PersonId, string? CredentialId, string? Number, DateOnly? AwardedOn, DateOnly? ExpiresOn,
        string? FileName, byte[]? Content, long FileSize) : ICommand<Guid>, Pipeline.ITransactional;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CredentialRuleBook rules, IOptions<CredentialOptions> options, TimeProvider clock)
        {
            var maxBytes = UploadOutsideCertificate.MaxBytes(options.Value);
            DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            RuleFor(c => c.CredentialId).NotEmpty().WithMessage("Choose the credential the board awarded you.")
                .Must(id => rules.Find(id!) is not null).When(c => !string.IsNullOrEmpty(c.CredentialId))
                .WithMessage("TrainingHub does not know that board or credential. Choose one from the list; if yours is not there, ask the institute to add it.");
            RuleFor(c => c.Number).NotEmpty().WithMessage("Enter the credential number on the board's letter or certificate.")
                .MaximumLength(100).WithMessage("The number is too long; enter it as the letter shows it (at most 100 characters).");
            RuleFor(c => c.AwardedOn).NotNull().WithMessage("Enter the date the board awarded the credential.")
                .Must(d => d is null || d <= Today()).WithMessage("The award date cannot be in the future. Enter the date on the board's letter.")
                .Must(d => d is null || d >= Today().AddYears(-50)).WithMessage("Check the award date: it is more than 50 years ago.");
            RuleFor(c => c.ExpiresOn).Must((c, d) => d is null || c.AwardedOn is null || d > c.AwardedOn)
                .WithMessage("The expiry date must be after the award date. Check both dates on the board's letter.")
                .Must((c, d) => d is null || c.AwardedOn is null || d <= c.AwardedOn.Value.AddYears(10))
                .WithMessage("Check the expiry date: it is more than 10 years after the award date.");
            RuleFor(c => c.Content).Must(c => c is { Length: > 0 }).WithMessage("Choose the board's letter or certificate to upload.");
            RuleFor(c => c.FileSize).Must(size => size <= maxBytes)
                .WithMessage(_ => UploadOutsideCertificate.TooLarge(Localization.Words.Current["The file is too large"], options.Value.OutsideCertificateMaxMegabytes))
                .When(c => c.Content is { Length: > 0 });
            RuleFor(c => c.Content).Must(c => OutsideCertificateFiles.Detect(c) is not null)
                .WithMessage("This file is not a PDF or a picture (PNG or JPEG). Save or scan the board's letter as a PDF, or take a photo of it, and upload that.")
                .When(c => c.Content is { Length: > 0 } && c.FileSize <= maxBytes);
            RuleFor(c => c.Content).Custom((content, context) =>
                {
                    if (UploadedFileCheck.Problem(OutsideCertificateFiles.Detect(content)!.Value, content!, options.Value) is { } problem) context.AddFailure(problem);
                })
                .When(c => c.Content is { Length: > 0 } && c.FileSize <= maxBytes && OutsideCertificateFiles.Detect(c.Content) is not null);
        }
    }

    public sealed class Handler(TrainingHubDb db, OutsideCertificateFiles files, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == command.PersonId, ct)) throw new NotFoundException("There is no such person.");
            var kind = OutsideCertificateFiles.Detect(command.Content)!.Value;
            var id = Guid.NewGuid();
            var stored = "held-" + id.ToString("N") + OutsideCertificateFiles.Extension(kind);
            var original = Path.GetFileName((command.FileName ?? "").Replace('\\', '/').Trim());
            var held = new HeldCredential
            {
                Id = id,
                PersonId = command.PersonId,
                CredentialId = command.CredentialId!,
                Number = command.Number!.Trim(),
                AwardedOn = command.AwardedOn!.Value,
                ExpiresOn = command.ExpiresOn,
                OriginalFileName = original.Length == 0 ? "letter" + OutsideCertificateFiles.Extension(kind) : original.Length > 200 ? original[^200..] : original,
                StoredFileName = stored,
                ContentType = OutsideCertificateFiles.ContentType(kind),
                SizeBytes = command.Content!.Length,
                Sha256 = OutsideCertificateFiles.Sha256(command.Content),
                RecordedAt = clock.GetUtcNow().UtcDateTime,
            };
            files.Add(stored, held.ContentType, command.Content);
            db.HeldCredentials.Add(held);
            audit.Record(command.PersonId, AuditActions.HeldCredentialRecorded, $"held-credential/{id}",
                $"{held.CredentialId} number {held.Number}, awarded {held.AwardedOn:yyyy-MM-dd}{(held.ExpiresOn is { } e ? $", expires {e:yyyy-MM-dd}" : "")}");
            return id;
        }
    }
}
