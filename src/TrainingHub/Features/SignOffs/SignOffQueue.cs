using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.SignOffs;

/// <summary>A supervisor's queue: pending items of their own site's trainees, grouped by trainee and cohort.</summary>
public static class SignOffQueue
{
    public sealed record Query(string SupervisorId) : IQuery<Result>;

    /// <summary>One item to sign off; <see cref="Kind"/> says which practicum hours, so a page can word them in its reader's language.</summary>
    public sealed record Item(SignOffSubject Subject, Guid Id, DateOnly Date, string What, string Detail, decimal Hours, string DomainName, PracticumKind? Kind = null);

    public sealed record Group(string PersonId, string TraineeName, string? CohortName, IReadOnlyList<Item> Items);

    public sealed record Result(bool IsSupervisor, string? QualificationProblem, string Statement, string SupervisorName, IReadOnlyList<Group> Groups);

    public sealed class Handler(TrainingHubDb db, SupervisorRules rules, CourseCatalog catalog, IOptions<SignOffOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var name = await db.Users.AsNoTracking().Where(u => u.Id == query.SupervisorId).Select(u => u.FullName).SingleAsync(ct);
            var sites = await rules.SupervisedSitesAsync(query.SupervisorId, ct);
            if (sites.Count == 0) return new Result(false, null, options.Value.AttestationStatement, name, []);
            string? problem = null;
            try { await rules.RequireQualifiedAsync(query.SupervisorId, ct); }
            catch (ForbiddenException e) { problem = e.Message; }

            // The items the reports count as waiting at these sites (one definition), less the supervisor's own.
            var waiting = (await rules.PendingAtAsync(sites, ct)).Where(i => i.PersonId != query.SupervisorId).ToList();
            var hourIds = waiting.Where(i => i.Subject == SignOffSubject.Hours).Select(i => i.ItemId).Distinct().ToList();
            var practicumIds = waiting.Where(i => i.Subject == SignOffSubject.Practicum).Select(i => i.ItemId).Distinct().ToList();
            var hours = await db.HoursEntries.AsNoTracking().Where(h => hourIds.Contains(h.Id)).ToListAsync(ct);
            var practicum = await db.PracticumEntries.AsNoTracking().Where(p => practicumIds.Contains(p.Id)).ToListAsync(ct);
            var people = hours.Select(h => h.PersonId).Concat(practicum.Select(p => p.PersonId)).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
            var cohorts = await (from e in db.Enrollments.AsNoTracking()
                                 join c in db.Cohorts.AsNoTracking() on e.CohortId equals c.Id
                                 where people.Contains(e.PersonId)
                                 select new { e.PersonId, e.CourseId, c.Name }).ToListAsync(ct);

            var items = hours.Select(h => (h.PersonId, Cohort: cohorts.FirstOrDefault(c => c.PersonId == h.PersonId && c.CourseId == h.CourseId)?.Name,
                    Item: new Item(SignOffSubject.Hours, h.Id, h.CompletedOn, catalog.Find(h.CourseId)?.Title ?? h.CourseId,
                        h.LessonId is null ? "" : catalog.FindLesson(h.CourseId, h.LessonId)?.Title ?? h.LessonId, h.Hours, catalog.DomainName(h.Domain))))
                .Concat(practicum.Select(p => (p.PersonId, Cohort: (string?)null,
                    Item: new Item(SignOffSubject.Practicum, p.Id, p.Date, p.Kind == PracticumKind.Experience ? "Practice hours" : "Supervision hours",
                        p.Description + (p.Setting is null ? "" : $" ({p.Setting})"), p.Hours, catalog.DomainName(p.Domain), p.Kind))));
            var groups = items.GroupBy(x => (x.PersonId, x.Cohort))
                .Select(g => new Group(g.Key.PersonId, names.GetValueOrDefault(g.Key.PersonId) ?? "", g.Key.Cohort, g.Select(x => x.Item).OrderBy(i => i.Date).ToList()))
                .OrderBy(g => g.TraineeName, StringComparer.CurrentCulture).ThenBy(g => g.CohortName)
                .ToList();
            return new Result(true, problem, options.Value.AttestationStatement, name, groups);
        }
    }
}
