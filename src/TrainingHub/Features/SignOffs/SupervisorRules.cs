using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using FluentValidation.Results;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.SignOffs;

/// <summary>Who may sign off whose hours: a qualified supervisor, for people of a site where they hold the Supervisor role, never themselves.</summary>
public sealed class SupervisorRules(TrainingHubDb db, IOptions<SignOffOptions> options)
{
    /// <summary>Sites where the person is a supervisor by membership (an institute admin is not a supervisor by that alone).</summary>
    public async Task<IReadOnlyList<Guid>> SupervisedSitesAsync(string personId, CancellationToken ct) =>
        await db.SiteMemberships.AsNoTracking().Where(m => m.PersonId == personId && m.Role == Roles.Supervisor)
            .Select(m => m.SiteId).Distinct().ToListAsync(ct);

    /// <summary>
    /// Hours entries that belong to one of the sites: logged in a cohort of the site or, for a course taken without a
    /// cohort, by someone who was already a trainee there when the entry was recorded. Where a record belongs decides who
    /// signs it off, not which sites the person belongs to now (joining a second site later does not hand it over).
    /// </summary>
    public IQueryable<HoursEntry> HoursAt(IQueryable<HoursEntry> hours, IReadOnlyCollection<Guid> sites) =>
        hours.Where(h => db.Enrollments.Any(e => e.Id == h.EnrollmentId && (
            e.CohortId != null
                ? db.Cohorts.Any(c => c.Id == e.CohortId && sites.Contains(c.SiteId))
                : db.SiteMemberships.Any(m => m.PersonId == h.PersonId && m.Role == Roles.Trainee && sites.Contains(m.SiteId) && m.CreatedAt <= h.RecordedAt))));

    /// <summary>An item waiting for sign-off at a site: a pending hours entry or a practicum entry no supervisor has decided.</summary>
    public sealed record PendingItem(Guid SiteId, SignOffSubject Subject, Guid ItemId, string PersonId);

    /// <summary>
    /// Every item waiting for sign-off at the sites, with the site it waits at: what a supervisor's queue shows and what
    /// the reports count, from this one definition (an item of a cohort-less course waits at each site where its person
    /// was already a trainee when it was recorded, as <see cref="HoursAt"/> says).
    /// </summary>
    public async Task<IReadOnlyList<PendingItem>> PendingAtAsync(IReadOnlyCollection<Guid> sites, CancellationToken ct)
    {
        var hours = await WaitingHoursAsync(sites, ct);
        var practicum = await PracticumAt(PendingItems.Practicum(db), sites).Select(p => new { p.SiteId, p.Id, p.PersonId }).ToListAsync(ct);
        return hours.Select(x => new PendingItem(x.SiteId, SignOffSubject.Hours, x.Id, x.PersonId))
            .Concat(practicum.Select(x => new PendingItem(x.SiteId, SignOffSubject.Practicum, x.Id, x.PersonId)))
            .ToList();
    }

    /// <summary>What <see cref="PendingAtAsync"/> lists, counted: per site, and across the sites with an item waiting at two sites counted once.</summary>
    public sealed record PendingCounts(IReadOnlyDictionary<Guid, int> BySite, int Total);

    /// <inheritdoc cref="PendingCounts"/>
    public Task<PendingCounts> CountPendingAtAsync(IReadOnlyCollection<Guid> sites, CancellationToken ct) => CountPendingAtAsync(sites, null, ct);

    /// <inheritdoc cref="PendingCounts"/>
    /// <param name="where">Where entries belong among <paramref name="sites"/>, when the caller has loaded it already (the reports do).</param>
    public async Task<PendingCounts> CountPendingAtAsync(IReadOnlyCollection<Guid> sites, RecordSites? where, CancellationToken ct)
    {
        // Counted as the entries stream in, without a list of them: at a million ledger rows about 50,000 wait.
        var bySite = new Dictionary<Guid, int>();
        var hoursTotal = 0;
        if (sites.Count > 0)
        {
            // Loaded before the entries are read: PostgreSQL and SQL Server run one command at a time on a connection.
            where ??= await RecordSites.LoadAsync(db, sites, ct);
            await foreach (var e in PendingItems.Hours(db).Select(h => new { h.PersonId, h.EnrollmentId, h.RecordedAt }).AsAsyncEnumerable().WithCancellation(ct))
            {
                var at = where.Of(e.EnrollmentId, e.PersonId, e.RecordedAt);
                // An hours entry may wait at two sites: in each one's count, once in the total.
                if (at.Count > 0) hoursTotal++;
                for (var i = 0; i < at.Count; i++) bySite[at[i]] = bySite.GetValueOrDefault(at[i]) + 1;
            }
        }
        var practicumBySite = await PracticumAt(PendingItems.Practicum(db), sites).GroupBy(p => p.SiteId)
            .Select(g => new { SiteId = g.Key, Count = g.Count() }).ToListAsync(ct);
        // A practicum entry is logged at one site, so it is in one site's count only.
        foreach (var p in practicumBySite) bySite[p.SiteId] = bySite.GetValueOrDefault(p.SiteId) + p.Count;
        return new PendingCounts(bySite, hoursTotal + practicumBySite.Sum(x => x.Count));
    }

    private sealed record WaitingHours(Guid SiteId, Guid Id, string PersonId);

    /// <summary>
    /// The open pending hours entries with the site each waits at (<see cref="RecordSites"/>). The open entries are read
    /// alone, from their own small index (IX_HoursEntries_OpenPending).
    /// </summary>
    private async Task<List<WaitingHours>> WaitingHoursAsync(IReadOnlyCollection<Guid> sites, CancellationToken ct)
    {
        if (sites.Count == 0) return [];
        var open = await PendingItems.Hours(db).Select(h => new { h.Id, h.PersonId, h.EnrollmentId, h.RecordedAt }).ToListAsync(ct);
        if (open.Count == 0) return [];
        var where = await RecordSites.LoadAsync(db, sites, ct);
        return open.SelectMany(e => where.Of(e.EnrollmentId, e.PersonId, e.RecordedAt).Select(site => new WaitingHours(site, e.Id, e.PersonId))).ToList();
    }

    /// <summary>Practicum entries logged at one of the sites.</summary>
    public static IQueryable<PracticumEntry> PracticumAt(IQueryable<PracticumEntry> practicum, IReadOnlyCollection<Guid> sites) =>
        practicum.Where(p => sites.Contains(p.SiteId));

    /// <summary>
    /// The supervisor's qualification in force (null when they have none confirmed and the institute asks for none), or a
    /// refusal. Only what an institute admin confirmed counts: a supervisor's own edit waits for that.
    /// </summary>
    public async Task<SupervisorProfile?> RequireQualifiedAsync(string supervisorId, CancellationToken ct)
    {
        var minimum = options.Value.MinimumYearsSupervising;
        var profile = await db.SupervisorProfiles.AsNoTracking().Where(p => p.PersonId == supervisorId && p.ConfirmedAt != null).SingleOrDefaultAsync(ct);
        if (minimum > 0 && (profile is null || profile.YearsSupervisingPeers < minimum))
        {
            var words = Localization.Words.Current;
            throw new ForbiddenException(string.Join(" ",
                words["The institute asks for at least {0} years supervising peers, confirmed by the institute, before signing off hours.", minimum],
                profile is null
                    ? words["Enter your qualifications on your supervisor profile; the institute confirms them."]
                    : words.Say(Localization.Phrase.Counted("{0, plural, one {The institute has confirmed # year.} other {The institute has confirmed # years.}}", profile.YearsSupervisingPeers)),
                words["A change you make waits until the institute confirms it."]));
        }
        return profile;
    }

    /// <summary>
    /// The one site that all the items belong to and where <paramref name="supervisorId"/> supervises, or a refusal: an
    /// item logged at another site is refused even when its trainee is now at the supervisor's site too.
    /// </summary>
    public async Task<Guid> RequireSupervisesAsync(string supervisorId, IReadOnlyCollection<HoursEntry> hours, IReadOnlyCollection<PracticumEntry> practicum, CancellationToken ct)
    {
        if (hours.Any(h => h.PersonId == supervisorId) || practicum.Any(p => p.PersonId == supervisorId)) throw new ForbiddenException("You cannot sign off your own hours.");
        var supervised = await SupervisedSitesAsync(supervisorId, ct);
        if (supervised.Count == 0) throw new ForbiddenException("Only a supervisor of a site can sign off hours.");
        var sites = new HashSet<Guid>();
        foreach (var p in practicum)
        {
            if (!supervised.Contains(p.SiteId)) throw new ForbiddenException(NotYourSite);
            sites.Add(p.SiteId);
        }
        foreach (var h in hours)
        {
            var site = await (from e in db.Enrollments.AsNoTracking()
                              join c in db.Cohorts.AsNoTracking() on e.CohortId equals c.Id
                              where e.Id == h.EnrollmentId
                              select (Guid?)c.SiteId).SingleOrDefaultAsync(ct)
                ?? await db.SiteMemberships.AsNoTracking()
                    .Where(m => m.PersonId == h.PersonId && m.Role == Roles.Trainee && supervised.Contains(m.SiteId) && m.CreatedAt <= h.RecordedAt)
                    .OrderBy(m => m.CreatedAt).Select(m => (Guid?)m.SiteId).FirstOrDefaultAsync(ct);
            if (site is not { } s || !supervised.Contains(s)) throw new ForbiddenException(NotYourSite);
            sites.Add(s);
        }
        if (sites.Count > 1) throw new ValidationException([new ValidationFailure("Items", "Sign off one site's items at a time.")]);
        return sites.Single();
    }

    public const string NotYourSite = "You can only sign off hours logged at your own site.";
}
