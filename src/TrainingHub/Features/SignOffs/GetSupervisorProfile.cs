using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.SignOffs;

public static class GetSupervisorProfile
{
    public sealed record Query(string PersonId) : IQuery<Result>;

    /// <param name="CredentialHeld">In force, as the institute confirmed it (null when nothing is confirmed).</param>
    /// <param name="PendingCredentialHeld">What the supervisor entered that waits for the institute's confirmation.</param>
    public sealed record Result(string? CredentialHeld, int? YearsSupervisingPeers, int MinimumYears, bool Qualified,
        DateTime? ConfirmedAt = null, string? PendingCredentialHeld = null, int? PendingYearsSupervisingPeers = null);

    public sealed class Handler(TrainingHubDb db, IOptions<SignOffOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var p = await db.SupervisorProfiles.AsNoTracking().SingleOrDefaultAsync(x => x.PersonId == query.PersonId, ct);
            var min = options.Value.MinimumYearsSupervising;
            var confirmed = p is { IsConfirmed: true } ? p : null;
            return new Result(confirmed?.CredentialHeld, confirmed?.YearsSupervisingPeers, min, min == 0 || confirmed?.YearsSupervisingPeers >= min,
                confirmed?.ConfirmedAt, p?.PendingCredentialHeld, p?.PendingYearsSupervisingPeers);
        }
    }
}
