using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Credentials.OutsideCertificates;

/// <summary>For institute admins: outside certificates waiting to be verified, oldest first, and the latest decisions.</summary>
public static class OutsideCertificateQueue
{
    public sealed record Query(string ActorId) : IQuery<Result>, IInstituteAdminOnly;

    public sealed record Item(Guid Id, string PersonName, string PersonEmail, string ProviderName, string CourseTitle, DateOnly CompletedOn, decimal HoursClaimed,
        DateTime UploadedAt, OutsideCertificateStatus Status, DateTime? DecidedAt);

    public sealed record Result(IReadOnlyList<Item> Waiting, IReadOnlyList<Item> RecentlyDecided);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.ActorId).NotEmpty();
    }

    public sealed class Handler(TrainingHubDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var rows = await (from c in db.OutsideCertificates
                              join p in db.Users on c.PersonId equals p.Id
                              select new { c, p.FullName, p.Email }).AsNoTracking().ToListAsync(ct);
            var reviews = await db.OutsideCertificateReviews.AsNoTracking().Select(r => new { r.CertificateId, r.Decision, r.ReviewedAt }).ToListAsync(ct);
            var latest = reviews.GroupBy(r => r.CertificateId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ReviewedAt).First());
            var items = rows.Select(x =>
            {
                var review = latest.GetValueOrDefault(x.c.Id);
                var status = review is null ? OutsideCertificateStatus.Waiting
                    : review.Decision == Domain.OutsideCertificateDecision.Verified ? OutsideCertificateStatus.Verified : OutsideCertificateStatus.Refused;
                return new Item(x.c.Id, x.FullName, x.Email ?? "", x.c.ProviderName, x.c.CourseTitle, x.c.CompletedOn, x.c.HoursClaimed, x.c.UploadedAt, status, review?.ReviewedAt);
            }).ToList();
            return new Result(
                items.Where(i => i.Status == OutsideCertificateStatus.Waiting).OrderBy(i => i.UploadedAt).ToList(),
                items.Where(i => i.Status != OutsideCertificateStatus.Waiting).OrderByDescending(i => i.DecidedAt).Take(20).ToList());
        }
    }
}
