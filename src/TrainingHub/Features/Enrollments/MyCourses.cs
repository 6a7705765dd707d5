using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Enrollments;

public static class MyCourses
{
    public sealed record Query(string PersonId) : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(
        string CourseId, string Title, decimal Hours, int LessonCount, string? FirstLessonId,
        DateTime EnrolledAt, EnrollmentStatus Status, string Version, bool NewerVersionAvailable);

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var rows = await db.Enrollments.AsNoTracking().Where(e => e.PersonId == query.PersonId)
                .Select(e => new { e.CourseId, e.EnrolledAt, e.Status, e.CourseVersion }).ToListAsync(ct);
            return rows.OrderByDescending(r => r.EnrolledAt)
                .Select(r => (Row: r, Course: catalog.Find(r.CourseId)))
                .Where(x => x.Course is not null)
                .Select(x => new Item(x.Course!.Id, x.Course.Title, x.Course.Hours, x.Course.Lessons.Count(),
                    x.Course.Lessons.FirstOrDefault()?.Id, x.Row.EnrolledAt, x.Row.Status, x.Row.CourseVersion,
                    x.Row.CourseVersion != x.Course.Version))
                .ToList();
        }
    }
}
