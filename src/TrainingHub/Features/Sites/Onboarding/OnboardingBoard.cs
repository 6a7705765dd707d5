using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Sites.Onboarding;

/// <summary>For the institute: every site, the onboarding step it is at, and what it is waiting for.</summary>
public static class OnboardingBoard
{
    public sealed record Query(string ActorId) : IQuery<Result>, IInstituteAdminOnly;

    public sealed record Card(
        Guid SiteId, string Name, string State, SiteStatus Status, string? CoordinatorName, string? CoordinatorEmail,
        DateTime InvitedAt, DateTime? LinkExpiresAt, bool LinkExpired, bool ProfileComplete, int ChecksDone, int ChecksTotal,
        bool SentBack, DateTime? SubmittedAt, DateTime? ActivatedAt, int Cohorts, int Trainees, int Completions)
    {
        /// <summary>The site has carried at least one trainee through to a completed course: the end of onboarding.</summary>
        public bool FirstCohortTrained => Completions > 0;
    }

    public sealed record Result(IReadOnlyList<Card> Sites)
    {
        public IEnumerable<Card> In(SiteStatus status) => Sites.Where(s => s.Status == status);
    }

    public sealed class Handler(TrainingHubDb db, OnboardingGuide guide, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
            var profiles = await db.SiteProfiles.AsNoTracking().ToDictionaryAsync(p => p.SiteId, ct);
            var itemIds = guide.Checklist.Select(i => i.Id).ToList();
            var checks = await db.ReadinessChecks.AsNoTracking().Where(c => c.Done && itemIds.Contains(c.ItemId))
                .GroupBy(c => c.SiteId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var coordinators = await (from m in db.SiteMemberships.AsNoTracking()
                                      join p in db.Users.AsNoTracking() on m.PersonId equals p.Id
                                      where m.Role == Roles.SiteCoordinator
                                      orderby p.CreatedAt
                                      select new
                                      {
                                          m.SiteId, p.FullName, p.Email, HasPassword = p.PasswordHash != null,
                                          Link = db.Invitations.Where(i => i.SiteId == m.SiteId && i.PersonId == p.Id && i.AcceptedAt == null && i.ReplacedAt == null)
                                              .OrderByDescending(i => i.CreatedAt).Select(i => (DateTime?)i.ExpiresAt).FirstOrDefault(),
                                      }).ToListAsync(ct);
            var cohorts = await db.Cohorts.AsNoTracking().GroupBy(c => c.SiteId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var trainees = await db.SiteMemberships.AsNoTracking().Where(m => m.Role == Roles.Trainee).GroupBy(m => m.SiteId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var completions = await (from e in db.Enrollments.AsNoTracking()
                                     join c in db.Cohorts.AsNoTracking() on e.CohortId equals c.Id
                                     where e.Status == EnrollmentStatus.Completed
                                     group e by c.SiteId into g
                                     select new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

            return new Result(sites.Select(s =>
            {
                var profile = profiles.GetValueOrDefault(s.Id);
                var coordinator = coordinators.FirstOrDefault(c => c.SiteId == s.Id);
                var link = coordinator is { HasPassword: false } ? coordinator.Link : null;
                return new Card(s.Id, s.Name, s.State, s.Status, coordinator?.FullName, coordinator?.Email, s.CreatedAt,
                    link, coordinator is { HasPassword: false } && (link is null || link <= now),
                    profile?.IsComplete ?? false, checks.GetValueOrDefault(s.Id), guide.Checklist.Count,
                    profile?.SentBackNote is not null, profile?.SubmittedAt, profile?.ActivatedAt,
                    cohorts.GetValueOrDefault(s.Id), trainees.GetValueOrDefault(s.Id), completions.GetValueOrDefault(s.Id));
            }).ToList());
        }
    }
}
