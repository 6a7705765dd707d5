using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Quizzes;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Enrollments;

/// <summary>The trainee's home: per course how far they are and what to do next.</summary>
public static class MyCourses
{
    public sealed record Query(string PersonId) : IQuery<IReadOnlyList<Item>>;

    public sealed record LessonLink(string Id, string Title);

    /// <param name="LessonsDone">Lessons whose hours are all credited.</param>
    /// <param name="PendingHours">Hours waiting for a supervisor's sign-off.</param>
    /// <param name="Continue">The lesson "Continue" opens (<see cref="NextLesson"/>); null when nothing is left to read or attend.</param>
    /// <param name="Started">Any lesson has been read or credited: the button says "Continue" rather than "Start".</param>
    /// <param name="LockedQuizzes">Module quizzes with no attempts left and not passed: a facilitator must reset them.</param>
    /// <param name="LiveLessonsNeedGroup">Live lessons of the course the trainee cannot be credited for, as they are in no group.</param>
    /// <param name="GroupRequest">Their latest request to join a group, when they made one.</param>
    public sealed record Item(
        string CourseId, string Title, decimal Hours, int LessonCount, DateTime EnrolledAt, EnrollmentStatus Status, string Version,
        bool NewerVersionAvailable, decimal CreditedHours, decimal PendingHours, int LessonsDone, LessonLink? Continue, bool Started,
        IReadOnlyList<string> LockedQuizzes, int LiveLessonsNeedGroup, GroupRequestState? GroupRequest = null);

    public sealed record GroupRequestState(GroupRequestStatus Status, DateTime RequestedAt, string? DeclineReason);

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, HoursLedger ledger, IOptions<LearningRecordOptions> options)
        : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            var rows = await db.Enrollments.AsNoTracking().Where(e => e.PersonId == query.PersonId)
                .Select(e => new { e.Id, e.CourseId, e.EnrolledAt, e.Status, e.CourseVersion, e.CohortId }).ToListAsync(ct);
            var read = await db.SeatTimeBeats.AsNoTracking().Where(b => b.PersonId == query.PersonId)
                .GroupBy(b => new { b.CourseId, b.LessonId }).Select(g => new { g.Key.CourseId, g.Key.LessonId, Last = g.Max(b => b.ReceivedAt) })
                .ToListAsync(ct);
            var credited = await db.HoursEntries.AsNoTracking().Where(h => h.PersonId == query.PersonId && h.LessonId != null)
                .GroupBy(h => new { h.CourseId, h.LessonId }).Select(g => new { g.Key.CourseId, g.Key.LessonId, Last = g.Max(h => h.RecordedAt) })
                .ToListAsync(ct);
            var lastActivity = read.Select(r => (r.CourseId, r.LessonId, r.Last)).Concat(credited.Select(c => (c.CourseId, LessonId: c.LessonId!, c.Last)))
                .GroupBy(x => (x.CourseId, x.LessonId)).ToDictionary(g => g.Key, g => g.Max(x => x.Last));

            var requests = (await db.GroupRequests.AsNoTracking().Where(r => r.PersonId == query.PersonId)
                .Select(r => new { r.EnrollmentId, r.RequestedAt, State = new GroupRequestState(r.Status, r.RequestedAt, r.DeclineReason) }).ToListAsync(ct))
                .GroupBy(r => r.EnrollmentId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.RequestedAt)!.State);
            var items = new List<Item>();
            foreach (var row in rows.OrderByDescending(r => r.EnrolledAt))
            {
                if (catalog.Find(row.CourseId) is not { } course) continue;
                var states = (await ledger.LessonStatesAsync(row.Id, ct)).ToDictionary(s => s.LessonId, StringComparer.Ordinal);
                var lessons = course.Lessons.ToList();
                var progress = lessons.Select(l =>
                {
                    var s = states.GetValueOrDefault(l.Id);
                    var done = s is not null && s.CreditedHours >= l.Hours;
                    var waiting = s is not null && s.CreditedHours + s.PendingHours >= l.Hours;
                    return (Lesson: l, Done: done, Step: new NextLesson.Lesson(l.Id, done || waiting,
                        lastActivity.TryGetValue((course.Id, l.Id), out var at) ? at : null));
                }).ToList();
                var next = NextLesson.ContinueWith(progress.Select(p => p.Step).ToList());
                var locked = new List<string>();
                foreach (var m in course.Modules.Where(m => m.Quiz is not null))
                {
                    var standing = await QuizStandingQuery.ForAsync(db, query.PersonId, course.Id, m.Id, options.Value.QuizAttemptLimit, ct);
                    if (!standing.Passed && standing.AttemptsLeft == 0) locked.Add(m.Title);
                }
                items.Add(new Item(course.Id, course.Title, course.Hours, lessons.Count, row.EnrolledAt, row.Status, row.CourseVersion,
                    row.CourseVersion != course.Version,
                    states.Values.Sum(s => s.CreditedHours), states.Values.Sum(s => s.PendingHours), progress.Count(p => p.Done),
                    next is null ? null : new LessonLink(next, lessons.First(l => l.Id == next).Title),
                    progress.Any(p => p.Step.LastActivity is not null), locked,
                    row.CohortId is null ? progress.Count(p => p.Lesson.Delivery == LessonDelivery.Live && !p.Step.Complete) : 0,
                    requests.GetValueOrDefault(row.Id)));
            }
            return items;
        }
    }
}
