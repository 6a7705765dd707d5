using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.Cohorts;

/// <summary>The trainees of a site waiting to join a group, each with the site's groups of their course to choose from.</summary>
public static class ListGroupRequests
{
    public sealed record Query(string ActorId, Guid SiteId) : IQuery<Result>;

    public sealed record Choice(Guid CohortId, string Name, DateOnly StartsOn, int Enrolled, int Capacity);

    public sealed record Request(Guid Id, string PersonName, string Email, string CourseId, string CourseTitle, string? Note, DateTime RequestedAt,
        IReadOnlyList<Choice> Groups);

    public sealed record Result(string SiteName, IReadOnlyList<Request> Waiting);

    public sealed class Handler(TrainingHubDb db, SiteScope scope, CourseCatalog catalog) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(query.ActorId, query.SiteId, SiteScope.CoordinatorRoles, ct);
            var waiting = await (from r in db.GroupRequests.AsNoTracking()
                                 join p in db.Users.AsNoTracking() on r.PersonId equals p.Id
                                 where r.SiteId == site.Id && r.Status == GroupRequestStatus.Waiting
                                 orderby r.RequestedAt
                                 select new { r.Id, p.FullName, p.Email, r.CourseId, r.Note, r.RequestedAt }).ToListAsync(ct);
            var courses = waiting.Select(w => w.CourseId).Distinct().ToList();
            var groups = await db.Cohorts.AsNoTracking().Where(c => c.SiteId == site.Id && courses.Contains(c.CourseId))
                .Select(c => new { c.Id, c.CourseId, c.Name, c.StartsOn, c.Capacity,
                    Enrolled = db.Enrollments.Count(e => e.CohortId == c.Id && e.Status != EnrollmentStatus.Withdrawn) })
                .ToListAsync(ct);
            return new Result(site.Name, waiting.Select(w => new Request(w.Id, w.FullName, w.Email ?? "", w.CourseId,
                catalog.Find(w.CourseId)?.Title ?? w.CourseId, w.Note, w.RequestedAt,
                groups.Where(g => g.CourseId == w.CourseId).OrderBy(g => g.StartsOn)
                    .Select(g => new Choice(g.Id, g.Name, g.StartsOn, g.Enrolled, g.Capacity)).ToList())).ToList());
        }
    }
}
