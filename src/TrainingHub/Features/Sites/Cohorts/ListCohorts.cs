using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.Cohorts;

/// <summary>A site's cohorts, with what a coordinator needs to create one: the courses and the facilitators approved for each.</summary>
public static class ListCohorts
{
    public sealed record Query(string ActorId, Guid SiteId) : IQuery<Result>;

    public sealed record Item(Guid Id, string Name, string CourseId, string CourseTitle, DateOnly StartsOn, string? Schedule, DeliveryMode DeliveryMode,
        int Capacity, int Enrolled, string? FacilitatorName);

    public sealed record CourseChoice(string Id, string Title);

    public sealed record FacilitatorChoice(string PersonId, string FullName, IReadOnlyList<CourseChoice> ApprovedFor);

    public sealed record Result(Guid SiteId, string SiteName, SiteStatus Status, bool CanManage, IReadOnlyList<Item> Cohorts,
        IReadOnlyList<CourseChoice> Courses, IReadOnlyList<FacilitatorChoice> Facilitators);

    public sealed class Handler(TrainingHubDb db, SiteScope scope, CourseCatalog catalog) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(query.ActorId, query.SiteId, SiteScope.StaffRoles, ct);
            var canManage = await scope.MayActAtAsync(query.ActorId, site.Id, SiteScope.CoordinatorRoles, ct);
            var rows = await (from c in db.Cohorts.AsNoTracking()
                              where c.SiteId == site.Id
                              join f in db.Users.AsNoTracking() on c.FacilitatorId equals f.Id into fs
                              from f in fs.DefaultIfEmpty()
                              orderby c.StartsOn descending, c.Name
                              select new
                              {
                                  c.Id, c.Name, c.CourseId, c.StartsOn, c.Schedule, c.DeliveryMode, c.Capacity, Facilitator = f == null ? null : f.FullName,
                                  Enrolled = db.Enrollments.Count(e => e.CohortId == c.Id && e.Status != EnrollmentStatus.Withdrawn),
                              }).ToListAsync(ct);
            var courses = catalog.Courses.Where(c => c.Published).Select(c => new CourseChoice(c.Id, c.Title)).ToList();
            return new Result(site.Id, site.Name, site.Status, canManage,
                rows.Select(r => new Item(r.Id, r.Name, r.CourseId, catalog.Find(r.CourseId)?.Title ?? r.CourseId, r.StartsOn, r.Schedule, r.DeliveryMode, r.Capacity, r.Enrolled, r.Facilitator)).ToList(),
                courses, await FacilitatorsAsync(db, catalog, site.Id, ct));
        }
    }

    /// <summary>The site's facilitators, each with the courses the institute approved them to deliver.</summary>
    public static async Task<IReadOnlyList<FacilitatorChoice>> FacilitatorsAsync(TrainingHubDb db, CourseCatalog catalog, Guid siteId, CancellationToken ct)
    {
        var people = await (from m in db.SiteMemberships.AsNoTracking()
                            join p in db.Users.AsNoTracking() on m.PersonId equals p.Id
                            where m.SiteId == siteId && m.Role == Roles.Facilitator
                            orderby p.FullName
                            select new { p.Id, p.FullName }).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var approvals = await db.FacilitatorApprovals.AsNoTracking().Where(a => ids.Contains(a.PersonId) && a.RevokedAt == null)
            .Select(a => new { a.PersonId, a.CourseId }).ToListAsync(ct);
        return people.Select(p => new FacilitatorChoice(p.Id, p.FullName,
            approvals.Where(a => a.PersonId == p.Id).Select(a => new CourseChoice(a.CourseId, catalog.Find(a.CourseId)?.Title ?? a.CourseId))
                .OrderBy(c => c.Title, StringComparer.CurrentCulture).ToList())).ToList();
    }
}
