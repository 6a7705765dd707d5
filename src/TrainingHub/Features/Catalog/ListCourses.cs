using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;

namespace TrainingHub.Features.Catalog;

public static class ListCourses
{
    /// <param name="PersonId">The signed-in person, to mark the courses they are enrolled in; null for a visitor.</param>
    public sealed record Query(string? PersonId) : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(string Id, string Title, string Summary, decimal Hours, int ModuleCount, int LessonCount, bool Enrolled);

    public sealed class Handler(CourseCatalog catalog, TrainingHubDb db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var enrolled = query.PersonId is null
                ? []
                : await db.Enrollments.AsNoTracking().Where(e => e.PersonId == query.PersonId).Select(e => e.CourseId).ToListAsync(ct);
            var reader = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return catalog.Courses.Where(c => c.Published).Select(c => catalog.InLanguage(c, reader))
                .Select(c => new Item(c.Id, c.Title, c.Summary, c.Hours, c.Modules.Count, c.Lessons.Count(), enrolled.Contains(c.Id)))
                .ToList();
        }
    }
}
