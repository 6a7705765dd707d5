using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Credentials.OutsideCertificates;

/// <summary>For an institute admin: one outside certificate, its history of decisions, and what the verification form offers.</summary>
public static class GetOutsideCertificate
{
    public sealed record Query(string ActorId, Guid CertificateId) : IQuery<Result>, IInstituteAdminOnly;

    /// <param name="CountsToward">What hours in this domain count toward, per credential, in words for the admin form.</param>
    public sealed record DomainChoice(string Key, string Name, string CountsToward = "");

    public sealed record BoardChoice(string Id, string Name);

    public sealed record Result(Guid Id, string PersonName, string PersonEmail, string ProviderName, string CourseTitle, DateOnly CompletedOn, decimal HoursClaimed,
        string FileName, string ContentType, long SizeBytes, string Sha256, DateTime UploadedAt, OutsideCertificateStatus Status,
        IReadOnlyList<OutsideCertificateState.Review> Reviews, IReadOnlyList<DomainChoice> Domains, IReadOnlyList<BoardChoice> Boards);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.ActorId).NotEmpty();
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, CredentialRuleBook rules) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var row = await (from x in db.OutsideCertificates
                             join p in db.Users on x.PersonId equals p.Id
                             where x.Id == query.CertificateId
                             select new { c = x, p.FullName, p.Email }).AsNoTracking().SingleOrDefaultAsync(ct)
                      ?? throw new NotFoundException("There is no such certificate.");
            var reviews = await OutsideCertificateState.ReviewsAsync(db, [row.c.Id], ct);
            var c = row.c;
            return new Result(c.Id, row.FullName, row.Email ?? "", c.ProviderName, c.CourseTitle, c.CompletedOn, c.HoursClaimed, c.OriginalFileName, c.ContentType,
                c.SizeBytes, c.Sha256, c.UploadedAt, OutsideCertificateState.StatusOf(reviews.FirstOrDefault()), reviews, DomainChoices(catalog, rules), BoardChoices(rules));
        }
    }

    /// <summary>Our domains, then the board domains none of our tags reach (each belongs to one credential).</summary>
    public static IReadOnlyList<DomainChoice> DomainChoices(CourseCatalog catalog, CredentialRuleBook rules) =>
        catalog.Domains.Select(d => new DomainChoice(d.Tag, d.Name, CountsToward(rules, d.Tag)))
            .Concat(rules.BoardOnlyDomains.Select(d => new DomainChoice(d.Key, Localization.Words.Current["{0} (counts only for the {1})", d.Name, d.CredentialName],
                Localization.Words.Current["Counts only for the {0}, in {1} and its total hours; no other credential counts these hours.", d.CredentialName, d.Name])))
            .ToList();

    /// <summary>Per credential, the board domain hours tagged <paramref name="tag"/> feed, or that they count toward its total only.</summary>
    public static string CountsToward(CredentialRuleBook rules, string tag)
    {
        var words = Localization.Words.Current;
        var parts = rules.All.Select(s => s.DomainFor(tag) is { } d ? $"{s.Name}: {d.Name}" : words["{0}: total hours only", s.Name]).ToList();
        return parts.Count == 0 ? "" : words["Counts toward {0}.", string.Join("; ", parts)];
    }

    public static IReadOnlyList<BoardChoice> BoardChoices(CredentialRuleBook rules) =>
        rules.All.GroupBy(s => s.Board, StringComparer.Ordinal).Select(g => new BoardChoice(g.Key, g.First().BoardName)).OrderBy(b => b.Name, StringComparer.CurrentCulture).ToList();
}
