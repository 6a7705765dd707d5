using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.Cohorts;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Sites.Facilitators;

/// <summary>For the institute: every facilitator at every site, and the courses each is approved to deliver.</summary>
public static class ListFacilitatorApprovals
{
    public sealed record Query(string ActorId) : IQuery<Result>, IInstituteAdminOnly;

    public sealed record Approval(string CourseId, string CourseTitle, DateTime ApprovedAt);

    public sealed record Facilitator(string PersonId, string FullName, string Email, IReadOnlyList<string> Sites, IReadOnlyList<Approval> Approvals, IReadOnlyList<string> Facilitates);

    public sealed record Result(IReadOnlyList<Facilitator> Facilitators, IReadOnlyList<ListCohorts.CourseChoice> Courses);

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var rows = await (from m in db.SiteMemberships.AsNoTracking()
                              join p in db.Users.AsNoTracking() on m.PersonId equals p.Id
                              join s in db.Sites.AsNoTracking() on m.SiteId equals s.Id
                              where m.Role == Roles.Facilitator
                              select new { p.Id, p.FullName, p.Email, Site = s.Name }).ToListAsync(ct);
            var ids = rows.Select(r => r.Id).Distinct().ToList();
            var approvals = await db.FacilitatorApprovals.AsNoTracking().Where(a => ids.Contains(a.PersonId) && a.RevokedAt == null).ToListAsync(ct);
            var cohorts = await db.Cohorts.AsNoTracking().Where(c => c.FacilitatorId != null && ids.Contains(c.FacilitatorId))
                .Select(c => new { c.FacilitatorId, c.Name }).ToListAsync(ct);
            var facilitators = rows.GroupBy(r => r.Id).Select(g => new Facilitator(
                    g.Key, g.First().FullName, g.First().Email ?? "", g.Select(r => r.Site).Distinct().Order(StringComparer.CurrentCulture).ToList(),
                    approvals.Where(a => a.PersonId == g.Key).Select(a => new Approval(a.CourseId, catalog.Find(a.CourseId)?.Title ?? a.CourseId, a.ApprovedAt))
                        .OrderBy(a => a.CourseTitle, StringComparer.CurrentCulture).ToList(),
                    cohorts.Where(c => c.FacilitatorId == g.Key).Select(c => c.Name).Order(StringComparer.CurrentCulture).ToList()))
                .OrderBy(f => f.FullName, StringComparer.CurrentCulture).ToList();
            return new Result(facilitators, catalog.Courses.Where(c => c.Published).Select(c => new ListCohorts.CourseChoice(c.Id, c.Title)).ToList());
        }
    }
}
