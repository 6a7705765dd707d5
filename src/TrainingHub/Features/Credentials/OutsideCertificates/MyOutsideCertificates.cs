using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Credentials.OutsideCertificates;

/// <summary>A trainee's uploaded outside certificates, each waiting, verified (with the hours that count) or refused (with the reason).</summary>
public static class MyOutsideCertificates
{
    public sealed record Query(string PersonId) : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string ProviderName, string CourseTitle, DateOnly CompletedOn, decimal HoursClaimed, string FileName, DateTime UploadedAt,
        OutsideCertificateStatus Status, decimal VerifiedHours, IReadOnlyList<string> VerifiedLines, string? Reason);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.PersonId).NotEmpty();
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, CredentialRuleBook rules) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var certificates = await db.OutsideCertificates.AsNoTracking().Where(c => c.PersonId == query.PersonId).OrderByDescending(c => c.UploadedAt).ToListAsync(ct);
            var reviews = await OutsideCertificateState.ReviewsAsync(db, certificates.Select(c => c.Id).ToList(), ct);
            return certificates.Select(c =>
            {
                var latest = reviews.FirstOrDefault(r => r.CertificateId == c.Id);
                var status = OutsideCertificateState.StatusOf(latest);
                var lines = status == OutsideCertificateStatus.Verified ? latest!.Lines : [];
                return new Item(c.Id, c.ProviderName, c.CourseTitle, c.CompletedOn, c.HoursClaimed, c.OriginalFileName, c.UploadedAt, status,
                    lines.Sum(l => l.Hours), lines.Select(l => $"{Eligibility.Number(l.Hours)} h {DomainName(catalog, rules, l.Domain)}").ToList(),
                    status == OutsideCertificateStatus.Refused ? latest!.Reason : null);
            }).ToList();
        }
    }

    /// <summary>A domain key in words: our domain's name, or a board-only domain with the credential it belongs to.</summary>
    public static string DomainName(CourseCatalog catalog, CredentialRuleBook rules, string key) =>
        rules.BoardOnlyDomains.FirstOrDefault(d => d.Key == key) is { } board ? $"{board.Name} ({board.CredentialName})" : catalog.DomainName(key);
}
