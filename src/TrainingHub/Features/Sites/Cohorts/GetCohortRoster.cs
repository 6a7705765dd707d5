using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.Cohorts;

/// <summary>One cohort of a site: its details and the trainees on its roster, with who has not opened their invitation yet.</summary>
public static class GetCohortRoster
{
    public sealed record Query(string ActorId, Guid SiteId, Guid CohortId) : IQuery<Result>;

    public sealed record Trainee(string PersonId, string FullName, string Email, EnrollmentStatus Status, bool HasSignedIn);

    public sealed record Result(Guid SiteId, string SiteName, SiteStatus SiteStatus, Guid CohortId, string Name, string CourseId, string CourseTitle,
        DateOnly StartsOn, string? Schedule, DeliveryMode DeliveryMode, int Capacity, string? FacilitatorId, string? FacilitatorName,
        IReadOnlyList<Trainee> Trainees, bool CanManage, IReadOnlyList<ListCohorts.CourseChoice> Courses, IReadOnlyList<ListCohorts.FacilitatorChoice> Facilitators)
    {
        public int Enrolled => Trainees.Count(t => t.Status != EnrollmentStatus.Withdrawn);
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, CourseCatalog catalog) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var (site, cohort) = await scope.RequireCohortAsync(query.ActorId, query.SiteId, query.CohortId, SiteScope.StaffRoles, ct);
            var canManage = await scope.MayActAtAsync(query.ActorId, site.Id, SiteScope.CoordinatorRoles, ct);
            var trainees = await (from e in db.Enrollments.AsNoTracking()
                                  join p in db.Users.AsNoTracking() on e.PersonId equals p.Id
                                  where e.CohortId == cohort.Id
                                  orderby p.FullName
                                  select new Trainee(p.Id, p.FullName, p.Email ?? "", e.Status, p.PasswordHash != null)).ToListAsync(ct);
            var facilitator = cohort.FacilitatorId is null ? null
                : await db.Users.AsNoTracking().Where(u => u.Id == cohort.FacilitatorId).Select(u => u.FullName).SingleOrDefaultAsync(ct);
            return new Result(site.Id, site.Name, site.Status, cohort.Id, cohort.Name, cohort.CourseId, catalog.Find(cohort.CourseId)?.Title ?? cohort.CourseId,
                cohort.StartsOn, cohort.Schedule, cohort.DeliveryMode, cohort.Capacity, cohort.FacilitatorId, facilitator, trainees, canManage,
                catalog.Courses.Where(c => c.Published).Select(c => new ListCohorts.CourseChoice(c.Id, c.Title)).ToList(),
                await ListCohorts.FacilitatorsAsync(db, catalog, site.Id, ct));
        }
    }
}
