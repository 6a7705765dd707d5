using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.OutsideCertificates;

namespace TrainingHub.Features.Credentials.Held;

/// <summary>A held credential with the newest decision about it (none: waiting to be checked).</summary>
public sealed record HeldCredentialView(HeldCredential Record, string CredentialName, string BoardName, OutsideCertificateStatus Status, string? Reason, DateTime? DecidedAt, string? DecidedBy)
{
    public bool Verified => Status == OutsideCertificateStatus.Verified;

    public HeldCredentialFacts Facts => new(Record.CredentialId, Record.AwardedOn, Record.ExpiresOn);
}

public static class HeldCredentialState
{
    /// <summary>The held credentials of <paramref name="personIds"/> (all, when null), newest award first, each with its newest decision.</summary>
    public static async Task<List<HeldCredentialView>> LoadAsync(TrainingHubDb db, CredentialRuleBook rules, IReadOnlyCollection<string>? personIds, CancellationToken ct)
    {
        var query = db.HeldCredentials.AsNoTracking();
        if (personIds is not null) query = query.Where(h => personIds.Contains(h.PersonId));
        var held = await query.ToListAsync(ct);
        var ids = held.Select(h => h.Id).ToList();
        var reviews = await (from r in db.HeldCredentialReviews
                             join u in db.Users on r.ReviewedById equals u.Id
                             where ids.Contains(r.HeldCredentialId)
                             select new { r.HeldCredentialId, r.Decision, r.Reason, r.ReviewedAt, u.FullName }).AsNoTracking().ToListAsync(ct);
        return held.Select(h =>
            {
                var review = reviews.Where(r => r.HeldCredentialId == h.Id).OrderByDescending(r => r.ReviewedAt).FirstOrDefault();
                var set = rules.Find(h.CredentialId);
                var status = review is null ? OutsideCertificateStatus.Waiting
                    : review.Decision == OutsideCertificateDecision.Verified ? OutsideCertificateStatus.Verified : OutsideCertificateStatus.Refused;
                return new HeldCredentialView(h, set?.Name ?? h.CredentialId, set?.BoardName ?? "", status, review?.Reason, review?.ReviewedAt, review?.FullName);
            })
            .OrderByDescending(h => h.Record.AwardedOn).ThenByDescending(h => h.Record.RecordedAt).ToList();
    }

    /// <summary>The expiry a reminder counts down to: the letter's, else the end of the board's renewal cycle.</summary>
    public static DateOnly? ExpiryOf(HeldCredentialView held, CredentialRuleBook rules, DateOnly today) =>
        held.Record.ExpiresOn ?? (rules.Find(held.Record.CredentialId)?.Renewal is { } rule ? Renewal.Cycle(rule, held.Facts, today).End : null);
}
