using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Catalog;

public static class GetLesson
{
    public sealed record Query(string CourseId, string LessonId, string PersonId) : IQuery<Result>;

    public sealed record Result(Course Course, Module Module, Lesson Lesson, Lesson? Previous, Lesson? Next, bool ShowFacilitatorAgenda, LessonRecord? Record);

    /// <summary>The person's own record on this lesson, with the heartbeat settings the page needs.</summary>
    public sealed record LessonRecord(int ActiveSeconds, int RequiredSeconds, bool ReachedEnd, decimal CreditedHours, int HeartbeatSeconds, int IdleMinutes);

    public sealed class Handler(CourseCatalog catalog, TrainingHubDb db, IOptions<LearningRecordOptions> options) : IQueryHandler<Query, Result>
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

            LessonRecord? record = null;
            if (enrolled)
            {
                var o = options.Value;
                var beats = db.SeatTimeBeats.AsNoTracking().Where(b => b.PersonId == query.PersonId && b.LessonId == lesson.Id);
                var credited = await db.HoursEntries.AsNoTracking()
                    .Where(h => h.PersonId == query.PersonId && h.CourseId == course.Id && h.LessonId == lesson.Id).SumAsync(h => h.Hours, ct);
                record = new LessonRecord(await beats.SumAsync(b => b.CreditedSeconds, ct), SeatTimeRules.RequiredSeconds(lesson.Hours, o.MinutesPerCreditedHour),
                    await beats.AnyAsync(b => b.ReachedEnd, ct), credited, o.HeartbeatSeconds, o.IdleMinutes);
            }
            var all = course.Lessons.ToList();
            var index = all.IndexOf(lesson);
            return new Result(course, course.Modules.First(m => m.Id == lesson.ModuleId), lesson,
                index > 0 ? all[index - 1] : null, index < all.Count - 1 ? all[index + 1] : null, staff, record);
        }
    }
}
