using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Catalog;

/// <summary>
/// A live lesson's facilitator's guide, for facilitators and institute admins only. The roles are read from the
/// database here, not taken from the caller, so no page can show a guide to a trainee by mistake.
/// </summary>
public static class GetFacilitatorGuide
{
    /// <param name="Optional">For pages that show the guide beside something else (the lesson and session pages): a refusal
    /// or a lesson without a guide gives a result with no guide instead of a 403 or 404.</param>
    public sealed record Query(string ActorId, string CourseId, string LessonId, bool Optional = false) : IQuery<Result>;

    public sealed record Result(Course? Course, Module? Module, Lesson? Lesson, FacilitatorGuide? Guide);

    public const string OnlyForStaff = "Facilitator's guides are for facilitators and institute admins.";

    private static readonly string[] GuideReaders = [Roles.Facilitator, Roles.InstituteAdmin];

    public sealed class Handler(CourseCatalog catalog, TrainingHubDb db) : IQueryHandler<Query, Result>
    {
        private static readonly Result Nothing = new(null, null, null, null);

        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var mayRead = await (from ur in db.UserRoles.AsNoTracking()
                                 join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                                 where ur.UserId == query.ActorId && GuideReaders.Contains(r.Name!)
                                 select ur).AnyAsync(ct);
            if (!mayRead) return query.Optional ? Nothing : throw new ForbiddenException(OnlyForStaff);

            var course = catalog.Find(query.CourseId);
            var lesson = catalog.FindLesson(query.CourseId, query.LessonId);
            var guide = catalog.FindGuide(query.CourseId, query.LessonId);
            if (course is null || lesson is null || guide is null || !course.Published)
            {
                return query.Optional ? Nothing : throw new NotFoundException("There is no facilitator's guide at this address.");
            }
            return new Result(course, course.Modules.First(m => m.Id == lesson.ModuleId), lesson, guide);
        }
    }
}
