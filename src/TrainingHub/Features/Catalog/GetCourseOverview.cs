using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Catalog;

public static class GetCourseOverview
{
    public sealed record Query(string CourseId, string? PersonId) : IQuery<Result>;

    public sealed record Result(Course Course, bool Enrolled, IReadOnlyDictionary<string, decimal> HoursByDomain);

    public sealed class Handler(CourseCatalog catalog, TrainingHubDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var course = catalog.Find(query.CourseId);
            if (course is null || !course.Published) throw new NotFoundException("There is no course at this address.");
            var enrolled = query.PersonId is not null &&
                await db.Enrollments.AsNoTracking().AnyAsync(e => e.PersonId == query.PersonId && e.CourseId == course.Id, ct);
            var byDomain = course.Lessons.SelectMany(l => l.DomainHours).GroupBy(p => p.Tag)
                .ToDictionary(g => catalog.DomainName(g.Key), g => g.Sum(p => p.Hours));
            // Headings in the reader's language where translated; ids, hours and domains are the original's.
            return new Result(catalog.InLanguage(course, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), enrolled, byDomain);
        }
    }
}
