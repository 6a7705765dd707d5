using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Credentials.Targets;

/// <summary>For a site's supervisors and coordinators: each trainee of the site, the credentials they chose and how far they are.</summary>
public static class SiteCredentials
{
    public sealed record Query(string ActorId, Guid SiteId) : IQuery<Result>;

    public sealed record TargetSummary(string CredentialName, bool Eligible, int Unmet, int Total);

    public sealed record Trainee(string PersonId, string FullName, IReadOnlyList<TargetSummary> Targets);

    public sealed record Result(Guid SiteId, string SiteName, IReadOnlyList<Trainee> Trainees);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.ActorId).NotEmpty();
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, CredentialRuleBook rules, PersonRecords records, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(query.ActorId, query.SiteId, SiteScope.StaffRoles, ct);
            var trainees = await (from m in db.SiteMemberships
                                  join p in db.Users on m.PersonId equals p.Id
                                  where m.SiteId == site.Id && m.Role == Roles.Trainee
                                  orderby p.FullName
                                  select new { p.Id, p.FullName }).AsNoTracking().Distinct().ToListAsync(ct);
            var ids = trainees.Select(t => t.Id).ToList();
            var targets = await db.CredentialTargets.AsNoTracking().Where(t => ids.Contains(t.PersonId)).OrderBy(t => t.ChosenAt)
                .Select(t => new { t.PersonId, t.CredentialId }).ToListAsync(ct);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var result = new List<Trainee>();
            foreach (var t in trainees.OrderBy(t => t.FullName, StringComparer.CurrentCulture))
            {
                var sets = targets.Where(x => x.PersonId == t.Id).Select(x => rules.Find(x.CredentialId)).OfType<CredentialRuleSet>().ToList();
                var summaries = new List<TargetSummary>();
                if (sets.Count > 0)
                {
                    var record = await records.LoadAsync(t.Id, ct, site.Id);
                    summaries.AddRange(sets.Select(s => Eligibility.Evaluate(s, record, today)).Select(e => new TargetSummary(e.Rules.Name, e.Eligible, e.Unmet, e.Total)));
                }
                result.Add(new Trainee(t.Id, t.FullName, summaries));
            }
            return new Result(site.Id, site.Name, result);
        }
    }
}
