using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.People;

public static class ListSitePeople
{
    public sealed record Query(string ActorId, Guid SiteId) : IQuery<Result>;

    /// <param name="HasSignedIn">False for someone invited who has not chosen a password yet.</param>
    public sealed record Person(string Id, string FullName, string Email, IReadOnlyList<string> Roles, bool HasSignedIn);

    public sealed record CohortChoice(Guid Id, string Name);

    /// <summary>Someone who already had an account, invited here, who has not accepted yet: not a member until they do.</summary>
    public sealed record WaitingInvitation(string FullName, string Email, string Role, DateTime InvitedAt, DateTime ExpiresAt);

    /// <param name="CanInvite">The person looking is a coordinator of the site (or the institute) and the site is open.</param>
    public sealed record Result(Guid SiteId, string SiteName, string State, IReadOnlyList<Person> People, SiteStatus Status = SiteStatus.Active,
        bool CanInvite = false, IReadOnlyList<CohortChoice>? Cohorts = null, IReadOnlyList<WaitingInvitation>? Waiting = null);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.ActorId).NotEmpty();
            RuleFor(q => q.SiteId).NotEmpty();
        }
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var site = await db.Sites.AsNoTracking().Where(s => s.Id == query.SiteId)
                .Select(s => new { s.Id, s.Name, s.State, s.Status }).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("There is no such site.");
            await scope.RequireAsync(query.ActorId, site.Id, SiteScope.StaffRoles, ct);

            var rows = await (from m in db.SiteMemberships.AsNoTracking()
                              join p in db.Users.AsNoTracking() on m.PersonId equals p.Id
                              where m.SiteId == site.Id
                              orderby p.FullName
                              select new { p.Id, p.FullName, p.Email, m.Role, HasPassword = p.PasswordHash != null }).ToListAsync(ct);
            var people = rows.GroupBy(r => r.Id)
                .Select(g => new Person(g.Key, g.First().FullName, g.First().Email ?? "", g.Select(r => r.Role).Order().ToList(), g.First().HasPassword))
                .OrderBy(p => p.FullName, StringComparer.CurrentCulture)
                .ToList();
            var canInvite = site.Status == SiteStatus.Active && await scope.MayActAtAsync(query.ActorId, site.Id, SiteScope.CoordinatorRoles, ct);
            var cohorts = await db.Cohorts.AsNoTracking().Where(c => c.SiteId == site.Id).OrderByDescending(c => c.StartsOn)
                .Select(c => new CohortChoice(c.Id, c.Name)).ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var waiting = await (from i in db.Invitations.AsNoTracking()
                                 join p in db.Users.AsNoTracking() on i.PersonId equals p.Id
                                 where i.SiteId == site.Id && i.AcceptedAt == null && i.ReplacedAt == null && i.ExpiresAt > now
                                       && !db.SiteMemberships.Any(m => m.SiteId == site.Id && m.PersonId == i.PersonId && m.Role == i.Role)
                                 orderby p.FullName
                                 select new WaitingInvitation(p.FullName, p.Email ?? "", i.Role, i.CreatedAt, i.ExpiresAt)).ToListAsync(ct);
            return new Result(site.Id, site.Name, site.State, people, site.Status, canInvite, cohorts, waiting);
        }
    }
}
