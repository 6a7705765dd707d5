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

    public sealed record Result(string? CredentialHeld, int? YearsSupervisingPeers, int MinimumYears, bool Qualified);

    public sealed class Handler(TrainingHubDb db, IOptions<SignOffOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var p = await db.SupervisorProfiles.AsNoTracking().SingleOrDefaultAsync(x => x.PersonId == query.PersonId, ct);
            var min = options.Value.MinimumYearsSupervising;
            return new Result(p?.CredentialHeld, p?.YearsSupervisingPeers, min, min == 0 || p?.YearsSupervisingPeers >= min);
        }
    }
}
