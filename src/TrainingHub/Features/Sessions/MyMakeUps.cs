using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;

namespace TrainingHub.Features.Sessions;

/// <summary>A trainee's make-up requests from other sites: which site asks, for which lesson and when, and whether they accepted.</summary>
public static class MyMakeUps
{
    public sealed record Query(string PersonId) : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string SiteName, string CohortName, string LessonTitle, DateTime StartsAt, string RequestedBy, bool Accepted);

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var rows = await (from r in db.MakeUpRequests.AsNoTracking()
                              join s in db.LiveSessions.AsNoTracking() on r.SessionId equals s.Id
                              join c in db.Cohorts.AsNoTracking() on s.CohortId equals c.Id
                              join site in db.Sites.AsNoTracking() on c.SiteId equals site.Id
                              join u in db.Users.AsNoTracking() on r.RequestedById equals u.Id
                              where r.PersonId == query.PersonId
                              orderby s.StartsAt descending
                              select new { r.Id, SiteName = site.Name, CohortName = c.Name, s.CourseId, s.LessonId, s.StartsAt, u.FullName, r.AcceptedAt }).ToListAsync(ct);
            return rows.Select(r => new Item(r.Id, r.SiteName, r.CohortName, catalog.FindLesson(r.CourseId, r.LessonId)?.Title ?? r.LessonId, r.StartsAt, r.FullName, r.AcceptedAt is not null))
                .ToList();
        }
    }
}
