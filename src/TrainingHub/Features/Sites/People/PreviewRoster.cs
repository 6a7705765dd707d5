using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Sites.People;

/// <summary>
/// Reads a roster file for a cohort and shows, line by line, what applying it would do. Nothing is written: the
/// coordinator checks the preview, then applies it.
/// </summary>
public static class PreviewRoster
{
    public sealed record Query(string ActorId, Guid SiteId, Guid CohortId, string Csv) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<RosterPlanner.Planned> Rows, IReadOnlyList<string> FileProblems, IReadOnlyList<string> IgnoredColumns)
    {
        public int ToInvite => Rows.Count(r => r.Outcome is RosterPlanner.Outcome.Invite or RosterPlanner.Outcome.Add);
        public int AlreadyThere => Rows.Count(r => r.Outcome == RosterPlanner.Outcome.AlreadyThere);
        public int Problems => Rows.Count(r => r.Outcome == RosterPlanner.Outcome.Problem);
        public bool CanApply => FileProblems.Count == 0 && ToInvite > 0;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Csv).NotEmpty().WithMessage("Choose a roster file (CSV) to upload.")
                .MaximumLength(RosterFile.MaxCharacters).WithMessage(_ => Localization.Words.Current["The file is too large. A roster file can be up to {0} KB: split it into smaller files.", RosterFile.MaxCharacters / 1024]);
        }
    }

    public sealed class Handler(SiteScope scope, RosterPlanner planner, IOptions<InvitationOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var (site, cohort) = await scope.RequireCohortAsync(query.ActorId, query.SiteId, query.CohortId, SiteScope.CoordinatorRoles, ct);
            if (site.Status != SiteStatus.Active)
            {
                throw SiteMembers.Invalid("", "People can be invited once the institute has opened your site.");
            }
            var parsed = RosterFile.Parse(query.Csv, options.Value.RosterMaxRows);
            var plan = parsed.FileProblems.Count > 0 ? [] : await planner.PlanAsync(site, cohort, parsed.Rows, ct);
            return new Result(plan, parsed.FileProblems, parsed.IgnoredColumns);
        }
    }
}
