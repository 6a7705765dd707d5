using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;

namespace TrainingHub.Features.Enrollments;

/// <summary>
/// Whether a trainee's live lessons of one course cannot count because they are in no group, for the notice on the
/// course and live lesson pages. One small query for the common case (in a group, or not enrolled); the ledger and
/// the group request are read only for a trainee enrolled without a group, never the whole home page's query.
/// </summary>
public static class GroupNeed
{
    public sealed record Query(string PersonId, string CourseId) : IQuery<Result?>;

    /// <param name="LiveLessonsNeedGroup">Live lessons of the course not yet credited or waiting for sign-off.</param>
    /// <param name="GroupRequest">Their latest request to join a group, when they made one.</param>
    public sealed record Result(string CourseId, int LiveLessonsNeedGroup, MyCourses.GroupRequestState? GroupRequest);

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, HoursLedger ledger) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            var enrollmentId = await db.Enrollments.AsNoTracking()
                .Where(e => e.PersonId == query.PersonId && e.CourseId == query.CourseId && e.Status == EnrollmentStatus.Active && e.CohortId == null)
                .OrderByDescending(e => e.EnrolledAt).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
            if (enrollmentId is not { } id || catalog.Find(query.CourseId) is not { } course) return null;
            var states = (await ledger.LessonStatesAsync(id, ct)).ToDictionary(s => s.LessonId, StringComparer.Ordinal);
            var needed = course.Lessons.Count(l => l.Delivery == LessonDelivery.Live
                && !(states.GetValueOrDefault(l.Id) is { } s && s.CreditedHours + s.PendingHours >= l.Hours));
            if (needed == 0) return null;
            var request = await db.GroupRequests.AsNoTracking().Where(r => r.EnrollmentId == id).OrderByDescending(r => r.RequestedAt)
                .Select(r => new MyCourses.GroupRequestState(r.Status, r.RequestedAt, r.DeclineReason)).FirstOrDefaultAsync(ct);
            return new Result(query.CourseId, needed, request);
        }
    }

    /// <summary>The same notice from the home page's item, where MyCourses has already worked it out.</summary>
    public static Result? From(MyCourses.Item item) =>
        item is { LiveLessonsNeedGroup: > 0, Status: EnrollmentStatus.Active } ? new Result(item.CourseId, item.LiveLessonsNeedGroup, item.GroupRequest) : null;
}
