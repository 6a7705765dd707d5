using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Credentials.OutsideCertificates;

/// <summary>
/// A trainee uploads another provider's certificate (a PDF, or a PNG or JPEG picture of it) with what it says. It counts
/// toward credentials only once an institute admin verifies it.
/// </summary>
public static class UploadOutsideCertificate
{
    /// <param name="Content">The file's bytes, read up to one byte past the size limit (so an oversized file is known without reading all of it).</param>
    /// <param name="FileSize">The file's full size in bytes, as sent.</param>
    public sealed record Command(string PersonId, string? ProviderName, string? CourseTitle, DateOnly? CompletedOn, decimal? Hours,
        string? FileName, byte[]? Content, long FileSize) : ICommand<Guid>, Pipeline.ITransactional;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<CredentialOptions> options, TimeProvider clock)
        {
            var maxMegabytes = options.Value.OutsideCertificateMaxMegabytes;
            var maxBytes = MaxBytes(options.Value);
            RuleFor(c => c.ProviderName).NotEmpty().WithMessage("Enter the name of the provider who gave the training.").MaximumLength(200);
            RuleFor(c => c.CourseTitle).NotEmpty().WithMessage("Enter the title of the training, as it is on the certificate.").MaximumLength(200);
            RuleFor(c => c.CompletedOn).NotNull().WithMessage("Enter the date you completed the training.")
                .Must(d => d is null || d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).WithMessage("The date cannot be in the future.")
                .Must(d => d is null || d >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-50)).WithMessage("Check the date: it is more than 50 years ago.");
            RuleFor(c => c.Hours).NotNull().WithMessage("Enter the hours on the certificate.")
                .Must(h => h is null or > 0 and <= 500).WithMessage("Enter between 0.25 and 500 hours.")
                .Must(h => h is null || decimal.Round(h.Value, 2) == h).WithMessage("Enter hours with at most two decimals, for example 6 or 1.5.");
            RuleFor(c => c.Content).Must(c => c is { Length: > 0 }).WithMessage("Choose the certificate file to upload.");
            RuleFor(c => c.FileSize).Must(size => size <= maxBytes)
                .WithMessage(c => TooLarge(Localization.Words.Current["The file is {0} MB", Megabytes(c.FileSize)], maxMegabytes))
                .When(c => c.Content is { Length: > 0 });
            RuleFor(c => c.Content).Must(c => OutsideCertificateFiles.Detect(c) is not null)
                .WithMessage("This file is not a PDF or a picture (PNG or JPEG). Save or scan the certificate as a PDF, or take a photo of it, and upload that.")
                .When(c => c.Content is { Length: > 0 } && c.FileSize <= maxBytes);
            RuleFor(c => c.Content).Custom((content, context) =>
                {
                    if (UploadedFileCheck.Problem(OutsideCertificateFiles.Detect(content)!.Value, content!, options.Value) is { } problem) context.AddFailure(problem);
                })
                .When(c => c.Content is { Length: > 0 } && c.FileSize <= maxBytes && OutsideCertificateFiles.Detect(c.Content) is not null);
        }

        private static string Megabytes(long bytes) => (bytes / 1048576m).ToString("0.#", CultureInfo.InvariantCulture);
    }

    public static long MaxBytes(CredentialOptions options) => options.OutsideCertificateMaxMegabytes * 1048576L;

    /// <summary>What a trainee is told when the file is too large, with what was wrong (its size, or only that it is too large).</summary>
    public static string TooLarge(string what, int maxMegabytes) =>
        Localization.Words.Current["{0}; the most the institute accepts is {1} MB. Scan it again at a lower resolution, or take a photo of it with your phone, and upload that.", what, maxMegabytes];

    public sealed class Handler(TrainingHubDb db, OutsideCertificateFiles files, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == command.PersonId, ct)) throw new NotFoundException("There is no such person.");
            var kind = OutsideCertificateFiles.Detect(command.Content)!.Value;
            var id = Guid.NewGuid();
            var stored = id.ToString("N") + OutsideCertificateFiles.Extension(kind);
            var original = Path.GetFileName((command.FileName ?? "").Replace('\\', '/').Trim());
            var certificate = new OutsideCertificate
            {
                Id = id,
                PersonId = command.PersonId,
                ProviderName = command.ProviderName!.Trim(),
                CourseTitle = command.CourseTitle!.Trim(),
                CompletedOn = command.CompletedOn!.Value,
                HoursClaimed = command.Hours!.Value,
                OriginalFileName = original.Length == 0 ? "certificate" + OutsideCertificateFiles.Extension(kind) : original.Length > 200 ? original[^200..] : original,
                StoredFileName = stored,
                ContentType = OutsideCertificateFiles.ContentType(kind),
                SizeBytes = command.Content!.Length,
                Sha256 = OutsideCertificateFiles.Sha256(command.Content),
                UploadedAt = clock.GetUtcNow().UtcDateTime,
            };
            files.Add(stored, certificate.ContentType, command.Content);
            db.OutsideCertificates.Add(certificate);
            audit.Record(command.PersonId, AuditActions.OutsideCertificateUploaded, $"outside-certificate/{id}",
                $"{certificate.CourseTitle} ({certificate.ProviderName}), {certificate.HoursClaimed} h claimed, {certificate.ContentType}, {certificate.SizeBytes} bytes");
            return id;
        }
    }
}
