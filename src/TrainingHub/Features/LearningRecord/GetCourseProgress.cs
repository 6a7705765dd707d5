using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Quizzes;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.LearningRecord;

public static class GetCourseProgress
{
    public sealed record Query(string PersonId, string CourseId) : IQuery<Result>;

    public enum LessonStatus { NotStarted, InProgress, Pending, Done }

    public sealed record LessonProgress(string Id, string Title, LessonDelivery Delivery, decimal Hours, decimal CreditedHours, decimal PendingHours,
        int ActiveSeconds, int RequiredSeconds, bool ReachedEnd, LessonStatus Status);

    public sealed record ModuleProgress(string Id, string Title, decimal Hours, IReadOnlyList<LessonProgress> Lessons, QuizStanding? Quiz, int? PassMark);

    public sealed record Result(string CourseId, string Title, decimal Hours, decimal CreditedHours, decimal PendingHours, EnrollmentStatus Status,
        bool Complete, IReadOnlyList<ModuleProgress> Modules);

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, HoursLedger ledger, IOptions<LearningRecordOptions> options)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var course = catalog.Find(query.CourseId) ?? throw new NotFoundException("There is no course at this address.");
            var enrollment = await db.Enrollments.AsNoTracking().SingleOrDefaultAsync(e => e.PersonId == query.PersonId && e.CourseId == course.Id, ct)
                ?? throw new ForbiddenException("Enrol in this course to see your progress.");
            var states = (await ledger.LessonStatesAsync(enrollment.Id, ct)).ToDictionary(s => s.LessonId, StringComparer.Ordinal);
            var seat = await db.SeatTimeBeats.AsNoTracking().Where(b => b.PersonId == query.PersonId && b.CourseId == course.Id)
                .GroupBy(b => b.LessonId).Select(g => new { g.Key, Seconds = g.Sum(b => b.CreditedSeconds), End = g.Any(b => b.ReachedEnd) })
                .ToDictionaryAsync(x => x.Key, ct);
            var o = options.Value;
            var quizzes = await QuizStandingQuery.ForPersonAsync(db, query.PersonId, [course.Id], o.QuizAttemptLimit, ct);
            var modules = new List<ModuleProgress>();
            foreach (var m in course.Modules)
            {
                var lessons = m.Lessons.Select(l =>
                {
                    var s = states.GetValueOrDefault(l.Id);
                    var credited = s?.CreditedHours ?? 0;
                    var pending = s?.PendingHours ?? 0;
                    var time = seat.GetValueOrDefault(l.Id);
                    var status = credited >= l.Hours ? LessonStatus.Done
                        : credited + pending >= l.Hours ? LessonStatus.Pending
                        : time is not null || credited > 0 ? LessonStatus.InProgress
                        : LessonStatus.NotStarted;
                    return new LessonProgress(l.Id, l.Title, l.Delivery, l.Hours, credited, pending, time?.Seconds ?? 0,
                        SeatTimeRules.RequiredSeconds(l.Hours, o.MinutesPerCreditedHour), time?.End ?? false, status);
                }).ToList();
                var standing = m.Quiz is null ? null : quizzes.GetValueOrDefault((course.Id, m.Id)) ?? QuizStandingQuery.Untried(o.QuizAttemptLimit);
                modules.Add(new ModuleProgress(m.Id, m.Title, m.Hours, lessons, standing, m.Quiz?.PassMark));
            }
            var passed = modules.Where(m => m.Quiz is { Passed: true }).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            var evaluation = CourseCompletion.Evaluate(course.Lessons.Select(l => (l.Id, l.Hours)), states.Values,
                course.Modules.Where(m => m.Quiz is not null).Select(m => m.Id), passed);
            return new Result(course.Id, course.Title, course.Hours, states.Values.Sum(s => s.CreditedHours), states.Values.Sum(s => s.PendingHours),
                enrollment.Status, evaluation.Complete, modules);
        }
    }
}
