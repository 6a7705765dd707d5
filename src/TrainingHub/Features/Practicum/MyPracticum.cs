using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Practicum;

/// <summary>A trainee's practicum log with each entry's state, and approved totals that feed credential eligibility.</summary>
public static class MyPracticum
{
    public sealed record Query(string PersonId) : IQuery<Result>;

    public sealed record Entry(Guid Id, PracticumKind Kind, DateOnly Date, decimal Hours, string DomainName, string? Setting, string Description,
        string? SupervisorName, PracticumState State, string? DecisionReason, string? DecidedBy, bool Resubmitted, DateTime? DecidedAt = null);

    /// <summary>A site where the person is a trainee: where they can log hours.</summary>
    public sealed record SiteChoice(Guid Id, string Name);

    public sealed record Result(IReadOnlyList<Entry> Entries, decimal ApprovedExperienceHours, decimal ApprovedSupervisionHours, decimal PendingHours,
        IReadOnlyList<SiteChoice> Sites)
    {
        public bool CanLog => Sites.Count > 0;
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var list = await EntriesAsync(db, catalog, query.PersonId, ct);
            var sites = await (from m in db.SiteMemberships
                               join s in db.Sites on m.SiteId equals s.Id
                               where m.PersonId == query.PersonId && m.Role == Roles.Trainee
                               orderby s.Name
                               select new SiteChoice(s.Id, s.Name)).AsNoTracking().Distinct().ToListAsync(ct);
            return new Result(list,
                list.Where(e => e.State == PracticumState.Approved && e.Kind == PracticumKind.Experience).Sum(e => e.Hours),
                list.Where(e => e.State == PracticumState.Approved && e.Kind == PracticumKind.Supervision).Sum(e => e.Hours),
                list.Where(e => e.State == PracticumState.Pending).Sum(e => e.Hours), sites);
        }
    }

    /// <summary>The person's practicum entries, newest first, each with its state from the sign-offs about it (also read by My hours).</summary>
    internal static async Task<List<Entry>> EntriesAsync(TrainingHubDb db, CourseCatalog catalog, string personId, CancellationToken ct)
    {
        var entries = await db.PracticumEntries.AsNoTracking().Where(p => p.PersonId == personId).OrderByDescending(p => p.Date).ThenByDescending(p => p.LoggedAt).ToListAsync(ct);
        var ids = entries.Select(e => e.Id).ToList();
        var decisions = await (from i in db.SignOffItems
                               join s in db.SignOffs on i.SignOffId equals s.Id
                               join u in db.Users on s.SupervisorId equals u.Id
                               where i.Subject == SignOffSubject.Practicum && ids.Contains(i.SubjectId)
                               select new { i.SubjectId, s.Id, s.Decision, s.Reason, u.FullName, s.SignedAt }).AsNoTracking().ToListAsync(ct);
        var signOffIds = decisions.Select(d => d.Id).ToList();
        var revocations = await db.SignOffRevocations.AsNoTracking().Where(r => signOffIds.Contains(r.SignOffId)).ToDictionaryAsync(r => r.SignOffId, r => r.Reason, ct);
        var resubmitted = entries.Where(e => e.ResubmitsId is not null).Select(e => e.ResubmitsId!.Value).ToHashSet();
        return entries.Select(e =>
        {
            var d = decisions.FirstOrDefault(x => x.SubjectId == e.Id);
            var state = d is null ? PracticumState.Pending
                : d.Decision == SignOffDecision.Rejected ? PracticumState.Rejected
                : revocations.ContainsKey(d.Id) ? PracticumState.Revoked : PracticumState.Approved;
            var reason = state == PracticumState.Revoked ? revocations[d!.Id] : d?.Reason;
            return new Entry(e.Id, e.Kind, e.Date, e.Hours, catalog.DomainName(e.Domain), e.Setting, e.Description, e.SupervisorName, state, reason, d?.FullName,
                resubmitted.Contains(e.Id), d?.SignedAt);
        }).ToList();
    }
}
