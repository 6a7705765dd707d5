using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;

namespace TrainingHub.Features.Sites.Reports;

/// <summary>
/// The numbers of the site dashboard and the institute roll-up. A site's numbers are those of its trainees (people
/// who hold the trainee role there): their enrolments, the hours in their record and the hours waiting for sign-off.
/// </summary>
public sealed class ReportNumbers(TrainingHubDb db, CourseCatalog catalog)
{
    public sealed record CourseDropOff(string CourseId, string CourseTitle, IReadOnlyList<string> ModuleTitles, DropOff.Funnel Funnel);

    public sealed record Numbers(int Trainees, int Enrolled, int Active, int Completed, int Withdrawn,
        decimal HoursCredited, decimal HoursPending, int PendingSignOffs, IReadOnlyList<MyHours.Total> HoursByDomain, IReadOnlyList<CourseDropOff> DropOff);

    internal sealed record EnrollmentRow(string PersonId, string CourseId, EnrollmentStatus Status);

    internal sealed record HoursRow(Guid Id, string PersonId, string CourseId, string? LessonId, string Domain, decimal Hours, HoursStatus Status, Guid? ReversesEntryId);

    /// <summary>Everything the numbers are made from, for the trainees of the given sites, read once.</summary>
    public sealed class Data
    {
        internal ILookup<Guid, string> TraineesBySite { get; init; } = null!;
        internal ILookup<string, EnrollmentRow> Enrollments { get; init; } = null!;
        internal ILookup<string, HoursRow> Hours { get; init; } = null!;
        internal HashSet<Guid> Reversed { get; init; } = null!;

        public IReadOnlyCollection<string> TraineesOf(Guid siteId) => TraineesBySite[siteId].Distinct(StringComparer.Ordinal).ToList();

        public IReadOnlyCollection<string> AllTrainees => TraineesBySite.SelectMany(g => g).Distinct(StringComparer.Ordinal).ToList();
    }

    public async Task<Data> LoadAsync(IReadOnlyCollection<Guid> siteIds, CancellationToken ct)
    {
        var trainees = await db.SiteMemberships.AsNoTracking().Where(m => siteIds.Contains(m.SiteId) && m.Role == Roles.Trainee)
            .Select(m => new { m.SiteId, m.PersonId }).ToListAsync(ct);
        var people = trainees.Select(t => t.PersonId).Distinct().ToList();
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => people.Contains(e.PersonId))
            .Select(e => new EnrollmentRow(e.PersonId, e.CourseId, e.Status)).ToListAsync(ct);
        // Summed here, not in the database: SQLite cannot sum decimals.
        var hours = await db.HoursEntries.AsNoTracking().Where(h => people.Contains(h.PersonId))
            .Select(h => new HoursRow(h.Id, h.PersonId, h.CourseId, h.LessonId, h.Domain, h.Hours, h.Status, h.ReversesEntryId)).ToListAsync(ct);
        return new Data
        {
            TraineesBySite = trainees.ToLookup(t => t.SiteId, t => t.PersonId),
            Enrollments = enrollments.ToLookup(e => e.PersonId, StringComparer.Ordinal),
            Hours = hours.ToLookup(h => h.PersonId, StringComparer.Ordinal),
            Reversed = hours.Where(h => h.ReversesEntryId is not null).Select(h => h.ReversesEntryId!.Value).ToHashSet(),
        };
    }

    public Numbers For(Data data, IReadOnlyCollection<string> trainees)
    {
        var enrollments = trainees.SelectMany(p => data.Enrollments[p]).ToList();
        var hours = trainees.SelectMany(p => data.Hours[p]).ToList();
        var byDomain = hours.GroupBy(h => catalog.DomainName(h.Domain))
            .Select(g => new MyHours.Total(g.Key, g.Where(h => h.Status == HoursStatus.Credited).Sum(h => h.Hours), g.Where(h => h.Status == HoursStatus.Pending).Sum(h => h.Hours)))
            .Where(t => t.Credited != 0 || t.Pending != 0)
            .OrderBy(t => t.Name, StringComparer.CurrentCulture).ToList();
        var pendingSignOffs = hours.Count(h => h.Status == HoursStatus.Pending && h.Hours > 0 && h.ReversesEntryId is null && !data.Reversed.Contains(h.Id));

        var dropOff = new List<CourseDropOff>();
        foreach (var group in enrollments.GroupBy(e => e.CourseId).OrderBy(g => catalog.Find(g.Key)?.Title ?? g.Key, StringComparer.CurrentCulture))
        {
            var course = catalog.Find(group.Key);
            if (course is null) continue;
            var moduleOf = course.Modules.SelectMany((m, i) => m.Lessons.Select(l => (l.Id, Index: i))).ToDictionary(x => x.Id, x => x.Index, StringComparer.Ordinal);
            var funnelRows = group.Select(e =>
            {
                var reached = hours.Where(h => h.PersonId == e.PersonId && h.CourseId == course.Id && h.LessonId is not null)
                    .GroupBy(h => h.LessonId!)
                    .Where(g => g.Sum(h => h.Hours) > 0 && moduleOf.ContainsKey(g.Key))
                    .Select(g => moduleOf[g.Key]).DefaultIfEmpty(-1).Max();
                return new DropOff.Trainee(reached, e.Status == EnrollmentStatus.Completed);
            }).ToList();
            dropOff.Add(new CourseDropOff(course.Id, course.Title, course.Modules.Select(m => m.Title).ToList(), DropOff.For(course.Modules.Count, funnelRows)));
        }

        return new Numbers(trainees.Count, enrollments.Count,
            enrollments.Count(e => e.Status == EnrollmentStatus.Active), enrollments.Count(e => e.Status == EnrollmentStatus.Completed),
            enrollments.Count(e => e.Status == EnrollmentStatus.Withdrawn),
            byDomain.Sum(t => t.Credited), byDomain.Sum(t => t.Pending), pendingSignOffs, byDomain, dropOff);
    }
}
