using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Credentials.OutsideCertificates;

public enum OutsideCertificateStatus { Waiting, Verified, Refused }

/// <summary>An outside certificate's state comes from its newest review (the certificate itself never changes).</summary>
public static class OutsideCertificateState
{
    public sealed record Line(string Domain, decimal Hours);

    public sealed record Review(Guid Id, Guid CertificateId, OutsideCertificateDecision Decision, string ReviewedBy, DateTime ReviewedAt, string? Reason,
        string? ProviderName, string? ProviderBoard, string? ProviderNumber, DateOnly? CompletedOn, HoursDelivery? Delivery, IReadOnlyList<Line> Lines);

    /// <summary>Every review of the certificates, newest first, with its hours lines and the reviewer's name.</summary>
    public static async Task<List<Review>> ReviewsAsync(TrainingHubDb db, IReadOnlyCollection<Guid> certificateIds, CancellationToken ct)
    {
        var reviews = await (from r in db.OutsideCertificateReviews
                             join u in db.Users on r.ReviewedById equals u.Id
                             where certificateIds.Contains(r.CertificateId)
                             orderby r.ReviewedAt descending
                             select new { r, u.FullName }).AsNoTracking().ToListAsync(ct);
        var ids = reviews.Select(x => x.r.Id).ToList();
        var lines = await db.OutsideHoursLines.AsNoTracking().Where(l => ids.Contains(l.ReviewId)).ToListAsync(ct);
        return reviews.Select(x => new Review(x.r.Id, x.r.CertificateId, x.r.Decision, x.FullName, x.r.ReviewedAt, x.r.Reason, x.r.ProviderName, x.r.ProviderBoard,
            x.r.ProviderNumber, x.r.CompletedOn, x.r.Delivery, lines.Where(l => l.ReviewId == x.r.Id).Select(l => new Line(l.Domain, l.Hours)).ToList())).ToList();
    }

    public static OutsideCertificateStatus StatusOf(Review? latest) => latest?.Decision switch
    {
        null => OutsideCertificateStatus.Waiting,
        OutsideCertificateDecision.Verified => OutsideCertificateStatus.Verified,
        _ => OutsideCertificateStatus.Refused,
    };
}
