using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;

namespace TrainingHub.Features.Certificates.Verification;

/// <summary>What a stranger may learn from a code: valid, revoked (with date), superseded or unknown; name, course, hours, date. Nothing more.</summary>
public static class VerifyCertificate
{
    public sealed record Query(string? Code) : IQuery<Result>;

    public enum Outcome { Valid, Revoked, Superseded, Unknown, Malformed }

    /// <param name="IssuedBy">The institute named on the certificate when it was issued, so a reader knows who vouches for it.</param>
    public sealed record Result(Outcome Outcome, string? Code, string? TraineeName, string? CourseTitle, decimal? Hours, DateOnly? CompletedOn, DateOnly? RevokedOn, string? IssuedBy = null);

    public sealed class Handler(TrainingHubDb db) : IQueryHandler<Query, Result>
    {
        public ValueTask<Result> Handle(Query query, CancellationToken ct) => new(LookUpAsync(db, query.Code, ct));
    }

    /// <summary>One code's answer; shared with a board's batch look-up.</summary>
    public static async Task<Result> LookUpAsync(TrainingHubDb db, string? typed, CancellationToken ct)
    {
        {
            var code = VerificationCode.Normalize(typed);
            if (code is null) return new Result(Outcome.Malformed, null, null, null, null, null, null);
            var c = await db.Certificates.AsNoTracking().Where(x => x.Code == code)
                .Select(x => new { x.Id, x.TraineeName, x.CourseTitle, x.Hours, x.CompletedOn, x.InstituteName }).SingleOrDefaultAsync(ct);
            if (c is null) return new Result(Outcome.Unknown, code, null, null, null, null, null);
            var revokedAt = await db.CertificateRevocations.AsNoTracking().Where(r => r.CertificateId == c.Id).Select(r => (DateTime?)r.RevokedAt).SingleOrDefaultAsync(ct);
            var superseded = await db.Certificates.AsNoTracking().AnyAsync(x => x.SupersedesId == c.Id, ct);
            var outcome = revokedAt is not null ? Outcome.Revoked : superseded ? Outcome.Superseded : Outcome.Valid;
            return new Result(outcome, code, c.TraineeName, c.CourseTitle, c.Hours, c.CompletedOn,
                revokedAt is null ? null : DateOnly.FromDateTime(revokedAt.Value), c.InstituteName);
        }
    }
}
