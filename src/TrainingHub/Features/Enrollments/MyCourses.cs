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
    /// <param name="CourseId">Only this course (a course's own page); null for every course the person is enrolled in.</param>
    public sealed record Query(string PersonId, string? CourseId = null) : IQuery<IReadOnlyList<Item>>;

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

    private sealed record LedgerRow(Guid EnrollmentId, string CourseId, string LessonId, decimal Hours, HoursStatus Status, DateTime RecordedAt);

    private sealed record EnrollmentRow(Guid Id, string CourseId, DateTime EnrolledAt, EnrollmentStatus Status, string CourseVersion, Guid? CohortId);

    private sealed record Touched(string CourseId, string LessonId);

    private sealed record RequestRow(Guid EnrollmentId, GroupRequestState State);

    // The home page and every course page ask this, so it reads a fixed handful of small sets of the person's (enrolments,
    // ledger lines on lessons, the lessons they have seat time on, group requests, quiz attempts and resets) with compiled
    // queries on one open connection, instead of a query per enrolment and two per quiz; the seat-time beats are read
    // only for lessons started and not complete, where "Continue" needs the time of the latest one.
    private static readonly Func<TrainingHubDb, string, IAsyncEnumerable<EnrollmentRow>> EnrollmentsOf =
        EF.CompileAsyncQuery((TrainingHubDb db, string personId) =>
            db.Enrollments.AsNoTracking().Where(e => e.PersonId == personId)
                .Select(e => new EnrollmentRow(e.Id, e.CourseId, e.EnrolledAt, e.Status, e.CourseVersion, e.CohortId)));

    private static readonly Func<TrainingHubDb, string, IAsyncEnumerable<LedgerRow>> LedgerOf =
        EF.CompileAsyncQuery((TrainingHubDb db, string personId) =>
            db.HoursEntries.AsNoTracking().Where(h => h.PersonId == personId && h.LessonId != null)
                .Select(h => new LedgerRow(h.EnrollmentId, h.CourseId, h.LessonId!, h.Hours, h.Status, h.RecordedAt)));

    private static readonly Func<TrainingHubDb, string, IAsyncEnumerable<Touched>> TouchedOf =
        EF.CompileAsyncQuery((TrainingHubDb db, string personId) =>
            db.SeatTimeTotals.AsNoTracking().Where(t => t.PersonId == personId).Select(t => new Touched(t.CourseId, t.LessonId)));

    private static readonly Func<TrainingHubDb, string, IAsyncEnumerable<RequestRow>> RequestsOf =
        EF.CompileAsyncQuery((TrainingHubDb db, string personId) =>
            db.GroupRequests.AsNoTracking().Where(r => r.PersonId == personId)
                .Select(r => new RequestRow(r.EnrollmentId, new GroupRequestState(r.Status, r.RequestedAt, r.DeclineReason))));

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct, Func<T, bool> keep)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct)) if (keep(row)) list.Add(row);
        return list;
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, IOptions<LearningRecordOptions> options)
        : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                return await ReadAsync(query, ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        private async Task<IReadOnlyList<Item>> ReadAsync(Query query, CancellationToken ct)
        {
            var personId = query.PersonId;
            var rows = await ListAsync(EnrollmentsOf(db, personId), ct, e => query.CourseId is null || e.CourseId == query.CourseId);
            if (rows.Count == 0) return [];
            var courseIds = rows.Select(r => r.CourseId).ToHashSet(StringComparer.Ordinal);
            var enrollmentIds = rows.Select(r => r.Id).ToHashSet();
            var ledgerRows = await ListAsync(LedgerOf(db, personId), ct, l => courseIds.Contains(l.CourseId));
            var touched = await ListAsync(TouchedOf(db, personId), ct, t => courseIds.Contains(t.CourseId));
            var requests = (await ListAsync(RequestsOf(db, personId), ct, r => enrollmentIds.Contains(r.EnrollmentId)))
                .GroupBy(r => r.EnrollmentId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.State.RequestedAt)!.State);
            var limit = options.Value.QuizAttemptLimit;
            var quizzes = await QuizStandingQuery.ForPersonAsync(db, personId, courseIds, limit, ct);

            var statesByEnrollment = rows.ToDictionary(r => r.Id, r => LessonStates(ledgerRows.Where(l => l.EnrollmentId == r.Id)));
            var lastActivity = ledgerRows.GroupBy(l => (l.CourseId, l.LessonId)).ToDictionary(g => g.Key, g => g.Max(l => l.RecordedAt));
            // Beats count only where "Continue" may point: a lesson started and not yet complete.
            var reading = touched.Where(t => catalog.FindLesson(t.CourseId, t.LessonId) is { } lesson
                    && rows.FirstOrDefault(r => r.CourseId == t.CourseId) is { } row
                    && !Complete(statesByEnrollment[row.Id].GetValueOrDefault(t.LessonId), lesson))
                .Select(t => t.LessonId).ToList();
            if (reading.Count > 0)
            {
                var beats = await db.SeatTimeBeats.AsNoTracking().Where(b => b.PersonId == personId && reading.Contains(b.LessonId))
                    .GroupBy(b => new { b.CourseId, b.LessonId }).Select(g => new { g.Key.CourseId, g.Key.LessonId, Last = g.Max(b => b.ReceivedAt) })
                    .ToListAsync(ct);
                foreach (var b in beats)
                {
                    lastActivity[(b.CourseId, b.LessonId)] = lastActivity.TryGetValue((b.CourseId, b.LessonId), out var at) && at > b.Last ? at : b.Last;
                }
            }

            var items = new List<Item>();
            foreach (var row in rows.OrderByDescending(r => r.EnrolledAt))
            {
                if (catalog.Find(row.CourseId) is not { } course) continue;
                var states = statesByEnrollment[row.Id];
                var lessons = course.Lessons.ToList();
                var progress = lessons.Select(l =>
                {
                    var s = states.GetValueOrDefault(l.Id);
                    var done = s is not null && s.CreditedHours >= l.Hours;
                    return (Lesson: l, Done: done, Step: new NextLesson.Lesson(l.Id, Complete(s, l),
                        lastActivity.TryGetValue((course.Id, l.Id), out var at) ? at : null));
                }).ToList();
                var next = NextLesson.ContinueWith(progress.Select(p => p.Step).ToList());
                var locked = course.Modules
                    .Where(m => m.Quiz is not null && quizzes.GetValueOrDefault((course.Id, m.Id)) is { Passed: false, AttemptsLeft: 0 })
                    .Select(m => m.Title).ToList();
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

        /// <summary>Credited, or waiting only for a supervisor's sign-off: nothing is left for the trainee to do.</summary>
        private static bool Complete(CourseCompletion.LessonState? state, Lesson lesson) =>
            state is not null && (state.CreditedHours >= lesson.Hours || state.CreditedHours + state.PendingHours >= lesson.Hours);

        private static Dictionary<string, CourseCompletion.LessonState> LessonStates(IEnumerable<LedgerRow> rows) =>
            rows.GroupBy(r => r.LessonId).ToDictionary(g => g.Key, g => new CourseCompletion.LessonState(g.Key,
                g.Where(r => r.Status == HoursStatus.Credited).Sum(r => r.Hours),
                g.Where(r => r.Status == HoursStatus.Pending).Sum(r => r.Hours)), StringComparer.Ordinal);
    }
}
