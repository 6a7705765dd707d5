using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Catalog;

public static class GetLesson
{
    public sealed record Query(string CourseId, string LessonId, string PersonId) : IQuery<Result>;

    public sealed record Result(Course Course, Module Module, Lesson Lesson, Lesson? Previous, Lesson? Next, bool ShowFacilitatorAgenda);

    public sealed class Handler(CourseCatalog catalog, TrainingHubDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var course = catalog.Find(query.CourseId);
            var lesson = course?.Lessons.FirstOrDefault(l => l.Id == query.LessonId);
            if (course is null || lesson is null || !course.Published) throw new NotFoundException("There is no lesson at this address.");

            var enrolled = await db.Enrollments.AsNoTracking().AnyAsync(e => e.PersonId == query.PersonId && e.CourseId == course.Id, ct);
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                               where ur.UserId == query.PersonId select r.Name).ToListAsync(ct);
            var staff = roles.Contains(Roles.Facilitator) || roles.Contains(Roles.InstituteAdmin);
            if (!enrolled && !staff) throw new ForbiddenException("Enrol in this course to open its lessons.");

            var all = course.Lessons.ToList();
            var index = all.IndexOf(lesson);
            return new Result(course, course.Modules.First(m => m.Id == lesson.ModuleId), lesson,
                index > 0 ? all[index - 1] : null, index < all.Count - 1 ? all[index + 1] : null, staff);
        }
    }
}
