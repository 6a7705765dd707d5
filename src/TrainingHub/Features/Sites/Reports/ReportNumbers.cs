using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.SignOffs;

namespace TrainingHub.Features.Sites.Reports;

/// <summary>
/// The numbers of the site dashboard and the institute roll-up. A site's numbers are those of its trainees (people
/// who hold the trainee role there): their enrolments, the hours in their record that belong to the site (ADR 0012: a
/// trainee of two sites has each site's hours in that site's report) and the hours waiting for sign-off.
/// Each trainee's hours come from the running totals kept with the ledger (a few rows per trainee); a site's numbers
/// (and the total across sites) add up its trainees' rows, so the cost grows with the trainees, not with the ledger.
/// </summary>
public sealed class ReportNumbers(TrainingHubDb db, CourseCatalog catalog, SupervisorRules supervisors, IServiceScopeFactory scopes)
{
    public sealed record CourseDropOff(string CourseId, string CourseTitle, IReadOnlyList<string> ModuleTitles, DropOff.Funnel Funnel);

    /// <summary>
    /// What a report covers: every record from <paramref name="From"/> (the first enrolment counted; null when there is
    /// none) up to <paramref name="GeneratedAt"/>, when it was made (UTC).
    /// </summary>
    public sealed record Period(DateTime? From, DateTime GeneratedAt)
    {
        public string FromText => From is { } f ? f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";
        public string GeneratedText => GeneratedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed record Numbers(int Trainees, int Enrolled, int Active, int Completed, int Withdrawn,
        decimal HoursCredited, decimal HoursPending, int PendingSignOffs, IReadOnlyList<MyHours.Total> HoursByDomain, IReadOnlyList<CourseDropOff> DropOff);

    internal sealed record EnrollmentRow(string PersonId, string CourseId, EnrollmentStatus Status, DateTime EnrolledAt);

    /// <summary>A trainee's hours in one domain and status.</summary>
    internal sealed record HoursSum(string PersonId, string Domain, HoursStatus Status, decimal Hours);

    /// <summary>A lesson with hours in a trainee's record (its entries add up to more than nothing).</summary>
    internal sealed class LessonReached
    {
        public string PersonId { get; init; } = "";
        public string CourseId { get; init; } = "";
        public string LessonId { get; init; } = "";
    }

    internal sealed class ModuleReached
    {
        public string PersonId { get; init; } = "";
        public string CourseId { get; init; } = "";
        public int Module { get; init; }
    }

    /// <summary>Everything the numbers are made from, for the trainees of the given sites, summed once per trainee.</summary>
    public sealed class Data
    {
        internal ILookup<Guid, string> TraineesBySite { get; init; } = null!;
        internal ILookup<string, EnrollmentRow> Enrollments { get; init; } = null!;
        internal ILookup<string, HoursSum> Hours { get; init; } = null!;
        /// <summary>
        /// For trainees of more than one site only: their hours by the site each entry belongs to (ADR 0012), so a person
        /// who moved from site A to B shows A's hours in A's report and B's in B's. Everyone else's hours are all their one
        /// site's, read from the running totals.
        /// </summary>
        internal ILookup<(Guid SiteId, string PersonId), HoursSum> HoursBySite { get; init; } = null!;
        internal IReadOnlySet<string> InSeveralSites { get; init; } = new HashSet<string>();

        /// <summary>A trainee's hours as a site's report counts them; all their hours for a total across sites (<paramref name="site"/> null).</summary>
        internal IEnumerable<HoursSum> HoursOf(string personId, Guid? site) =>
            site is { } s && InSeveralSites.Contains(personId) ? HoursBySite[(s, personId)] : Hours[personId];
        internal Dictionary<(string PersonId, string CourseId), int> FurthestModule { get; init; } = null!;
        /// <summary>How many items wait for sign-off at each site and across the sites, as the supervisors' queues count them.</summary>
        internal SupervisorRules.PendingCounts WaitingForSignOff { get; init; } = new(new Dictionary<Guid, int>(), 0);
        /// <summary>When the first of these trainees enrolled: where the report's period begins (null: nobody has).</summary>
        public DateTime? FirstEnrolledAt { get; init; }

        public IReadOnlyCollection<string> TraineesOf(Guid siteId) => TraineesBySite[siteId].Distinct(StringComparer.Ordinal).ToList();

        public IReadOnlyCollection<string> AllTrainees => TraineesBySite.SelectMany(g => g).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The trainees of these sites, as a subquery the database runs inside each read.</summary>
    private static IQueryable<SiteMembership> TraineesAt(TrainingHubDb db, IReadOnlyCollection<Guid> siteIds) =>
        db.SiteMemberships.AsNoTracking().Where(m => siteIds.Contains(m.SiteId) && m.Role == Roles.Trainee);

    public async Task<Data> LoadAsync(IReadOnlyCollection<Guid> siteIds, CancellationToken ct)
    {
        // Two independent reads (the running hours totals, and the furthest module per trainee and course, a CASE over every
        // lesson total) run beside the others on a connection of their own, so the report waits for the longest chain of
        // reads, not their sum. Each read sees what is committed when it starts, as the reads one after another always did.
        var beside = Task.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var other = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var people = TraineesAt(other, siteIds).Select(m => m.PersonId);
            // The running totals (kept with every ledger entry, HoursTotalsWriter) hold each trainee's hours by domain and
            // status and by lesson, so the reports read a few rows per trainee, never the ledger.
            var hours = (await other.HoursTotals.AsNoTracking().Where(t => people.Contains(t.PersonId))
                .Select(t => new { t.PersonId, t.Domain, t.Status, t.Hundredths }).ToListAsync(ct))
                .Select(t => new HoursSum(t.PersonId, t.Domain, t.Status, t.Hundredths / 100m)).ToList();
            var furthest = await other.LessonHoursTotals.AsNoTracking().Where(t => people.Contains(t.PersonId) && t.Hundredths > 0)
                .Select(t => new LessonReached { PersonId = t.PersonId, CourseId = t.CourseId, LessonId = t.LessonId })
                .Select(ModuleOfLesson())
                .GroupBy(r => new { r.PersonId, r.CourseId })
                .Select(g => new { g.Key.PersonId, g.Key.CourseId, Module = g.Max(r => r.Module) }).ToListAsync(ct);
            return (Hours: hours, Furthest: furthest.ToDictionary(f => (f.PersonId, f.CourseId), f => f.Module));
        }, ct);
        try
        {
            return await LoadRestAsync(siteIds, beside, ct);
        }
        finally
        {
            // Never leave the other read running after the request (a failure above): its scope ends with it.
            try { await beside; } catch (Exception) when (!beside.IsCompletedSuccessfully) { }
        }
    }

    private async Task<Data> LoadRestAsync(IReadOnlyCollection<Guid> siteIds, Task<(List<HoursSum> Hours, Dictionary<(string, string), int> Furthest)> beside, CancellationToken ct)
    {
        var memberships = TraineesAt(db, siteIds);
        var trainees = await memberships.Select(m => new { m.SiteId, m.PersonId }).ToListAsync(ct);
        // The trainees stay a subquery, so the database reads only their rows through the PersonId indexes.
        var people = memberships.Select(m => m.PersonId);

        var enrollments = await db.Enrollments.AsNoTracking().Where(e => people.Contains(e.PersonId))
            .Select(e => new EnrollmentRow(e.PersonId, e.CourseId, e.Status, e.EnrolledAt)).ToListAsync(ct);
        // What waits for sign-off is counted as the supervisors' queues count it (SupervisorRules.CountPendingAtAsync, from
        // the queues' own definition).
        // Trainees of several sites (anywhere, not only the sites asked for): their entries are split by the site each
        // belongs to, reading their ledger rows; a handful of people, so the reports still grow with the trainees.
        var several = await db.SiteMemberships.AsNoTracking().Where(m => m.Role == Roles.Trainee && people.Contains(m.PersonId))
            .GroupBy(m => m.PersonId).Where(g => g.Select(m => m.SiteId).Distinct().Count() > 1).Select(g => g.Key).ToListAsync(ct);
        // Where entries belong (RecordSites), loaded once for the two-site trainees' hours and the pending count.
        var where = await RecordSites.LoadAsync(db, siteIds, ct);
        var bySite = new Dictionary<(Guid SiteId, string PersonId, string Domain, HoursStatus Status), decimal>();
        if (several.Count > 0)
        {
            // Where each of their entries belongs, as SupervisorRules.HoursAt says: their ledger rows are read alone and
            // added to their sites' sums as they stream in, one pass for all the sites asked for.
            await foreach (var r in db.HoursEntries.AsNoTracking().Where(h => several.Contains(h.PersonId))
                .Select(h => new { h.PersonId, h.EnrollmentId, h.RecordedAt, h.Domain, h.Status, h.Hours }).AsAsyncEnumerable().WithCancellation(ct))
            {
                var at = where.Of(r.EnrollmentId, r.PersonId, r.RecordedAt);
                for (var i = 0; i < at.Count; i++)
                {
                    ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(bySite, (at[i], r.PersonId, r.Domain, r.Status), out _);
                    sum += r.Hours;
                }
            }
        }
        var waiting = await supervisors.CountPendingAtAsync(siteIds, where, ct);
        var (hours, furthest) = await beside;
        return new Data
        {
            TraineesBySite = trainees.ToLookup(t => t.SiteId, t => t.PersonId),
            Enrollments = enrollments.ToLookup(e => e.PersonId, StringComparer.Ordinal),
            Hours = hours.ToLookup(h => h.PersonId, StringComparer.Ordinal),
            HoursBySite = bySite.ToLookup(x => (x.Key.SiteId, x.Key.PersonId), x => new HoursSum(x.Key.PersonId, x.Key.Domain, x.Key.Status, x.Value)),
            InSeveralSites = several.ToHashSet(StringComparer.Ordinal),
            FurthestModule = furthest,
            WaitingForSignOff = waiting,
            // The same rows as the enrolments above, so their earliest date needs no second query.
            FirstEnrolledAt = enrollments.Count == 0 ? null : enrollments.Min(e => e.EnrolledAt),
        };
    }

    /// <summary>
    /// The index of the module a course's lesson belongs to, or -1 for a lesson no longer in the course, as one CASE
    /// in the query: the course structure lives in the content files, not in the database.
    /// </summary>
    private Expression<Func<LessonReached, ModuleReached>> ModuleOfLesson() => ModuleOfLessonByCatalog.GetValue(catalog, BuildModuleOfLesson);

    /// <summary>
    /// One expression per loaded catalog: EF Core caches a compiled query by its expression, and the lesson-id arrays in
    /// it compare by reference, so building the expression anew on every request would compile (and JIT) the query anew.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CourseCatalog, Expression<Func<LessonReached, ModuleReached>>> ModuleOfLessonByCatalog = new();

    private static Expression<Func<LessonReached, ModuleReached>> BuildModuleOfLesson(CourseCatalog catalog)
    {
        var lesson = Expression.Parameter(typeof(LessonReached), "lesson");
        var courseId = Expression.Property(lesson, nameof(LessonReached.CourseId));
        var lessonId = Expression.Property(lesson, nameof(LessonReached.LessonId));
        var contains = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string));
        Expression module = Expression.Constant(-1);
        foreach (var course in catalog.Courses)
        {
            for (var i = course.Modules.Count - 1; i >= 0; i--)
            {
                var lessonIds = course.Modules[i].Lessons.Select(l => l.Id).ToArray();
                if (lessonIds.Length == 0) continue;
                var inModule = Expression.AndAlso(Expression.Equal(courseId, Expression.Constant(course.Id)),
                    Expression.Call(contains, Expression.Constant(lessonIds), lessonId));
                module = Expression.Condition(inModule, Expression.Constant(i), module);
            }
        }
        var body = Expression.MemberInit(Expression.New(typeof(ModuleReached)),
            Expression.Bind(typeof(ModuleReached).GetProperty(nameof(ModuleReached.PersonId))!, Expression.Property(lesson, nameof(LessonReached.PersonId))),
            Expression.Bind(typeof(ModuleReached).GetProperty(nameof(ModuleReached.CourseId))!, courseId),
            Expression.Bind(typeof(ModuleReached).GetProperty(nameof(ModuleReached.Module))!, module));
        return Expression.Lambda<Func<LessonReached, ModuleReached>>(body, lesson);
    }

    /// <param name="site">The site the numbers are for; null for all the sites the data was loaded for.</param>
    public Numbers For(Data data, IReadOnlyCollection<string> trainees, Guid? site = null)
    {
        var enrollments = trainees.SelectMany(p => data.Enrollments[p]).ToList();
        var byDomain = trainees.SelectMany(p => data.HoursOf(p, site)).GroupBy(h => catalog.DomainName(h.Domain))
            .Select(g => new MyHours.Total(g.Key, g.Where(h => h.Status == HoursStatus.Credited).Sum(h => h.Hours), g.Where(h => h.Status == HoursStatus.Pending).Sum(h => h.Hours)))
            .Where(t => t.Credited != 0 || t.Pending != 0)
            .OrderBy(t => t.Name, StringComparer.CurrentCulture).ToList();
        // Counted as the supervisors' queues count them (hours entries and practicum entries waiting at the site), so a
        // report never says nothing waits while a queue holds items; an item waiting at two sites counts once in a total.
        var pendingSignOffs = site is { } s ? data.WaitingForSignOff.BySite.GetValueOrDefault(s) : data.WaitingForSignOff.Total;

        var dropOff = new List<CourseDropOff>();
        foreach (var group in enrollments.GroupBy(e => e.CourseId).OrderBy(g => catalog.Find(g.Key)?.Title ?? g.Key, StringComparer.CurrentCulture))
        {
            var course = catalog.Find(group.Key);
            if (course is null) continue;
            var funnelRows = group.Select(e => new DropOff.Trainee(data.FurthestModule.GetValueOrDefault((e.PersonId, e.CourseId), -1), e.Status == EnrollmentStatus.Completed)).ToList();
            dropOff.Add(new CourseDropOff(course.Id, course.Title, course.Modules.Select(m => m.Title).ToList(), DropOff.For(course.Modules.Count, funnelRows)));
        }

        return new Numbers(trainees.Count, enrollments.Count,
            enrollments.Count(e => e.Status == EnrollmentStatus.Active), enrollments.Count(e => e.Status == EnrollmentStatus.Completed),
            enrollments.Count(e => e.Status == EnrollmentStatus.Withdrawn),
            byDomain.Sum(t => t.Credited), byDomain.Sum(t => t.Pending), pendingSignOffs, byDomain, dropOff);
    }
}
