using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;

namespace TrainingHub.Features.Sessions;

/// <summary>The cohorts a facilitator or coordinator runs, each with its sessions and the course's live lessons to schedule.</summary>
public static class MyCohorts
{
    public sealed record Query(string ActorId) : IQuery<IReadOnlyList<Item>>;

    public sealed record SessionItem(Guid Id, string LessonTitle, DateTime StartsAtLocal, string? Place, bool Online, bool Cancelled);

    public sealed record LessonChoice(string Id, string Title);

    public sealed record Item(Guid Id, string Name, string CourseTitle, DateOnly StartsOn, int Trainees, IReadOnlyList<SessionItem> Sessions, IReadOnlyList<LessonChoice> LiveLessons);

    public sealed class Handler(TrainingHubDb db, CohortAccess access, CourseCatalog catalog, SiteTimeZones zones) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var cohorts = await access.MyCohortsAsync(query.ActorId, ct);
            var ids = cohorts.Select(c => c.Id).ToList();
            var sessions = await db.LiveSessions.AsNoTracking().Where(s => ids.Contains(s.CohortId)).OrderBy(s => s.StartsAt).ToListAsync(ct);
            var counts = await db.Enrollments.AsNoTracking().Where(e => e.CohortId != null && ids.Contains(e.CohortId.Value))
                .GroupBy(e => e.CohortId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count, ct);
            var siteIds = cohorts.Select(c => c.SiteId).Distinct().ToList();
            var siteZones = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => zones.Find(s.TimeZone), ct);
            return cohorts.Select(c =>
            {
                var course = catalog.Find(c.CourseId);
                var zone = siteZones[c.SiteId];
                return new Item(c.Id, c.Name, course?.Title ?? c.CourseId, c.StartsOn, counts.GetValueOrDefault(c.Id),
                    sessions.Where(s => s.CohortId == c.Id).Select(s => new SessionItem(s.Id, catalog.FindLesson(s.CourseId, s.LessonId)?.Title ?? s.LessonId,
                        TimeZoneInfo.ConvertTimeFromUtc(s.StartsAt, zone), s.Place, s.VideoLink is not null, s.Cancelled)).ToList(),
                    course?.Lessons.Where(l => l.Delivery == LessonDelivery.Live).Select(l => new LessonChoice(l.Id, l.Title)).ToList() ?? []);
            }).ToList();
        }
    }
}
