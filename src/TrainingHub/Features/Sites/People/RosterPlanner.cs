using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.People;

/// <summary>
/// Decides what inviting each person would do at a site (and cohort), then does it. Planning reads only, so a preview
/// changes nothing; applying plans again against the data as it is then, so a second upload of the same file finds
/// everyone already there and creates no one twice.
/// </summary>
public sealed class RosterPlanner(TrainingHubDb db, SiteMembers members, InvitationLinks links, AuditTrail audit)
{
    public enum Outcome
    {
        /// <summary>A new account (or one that never chose a password): they are emailed a link.</summary>
        Invite,
        /// <summary>Someone who already has an account: they are sent an invitation, and join when they accept it.</summary>
        Add,
        /// <summary>Already on the roster in this role: nothing to do.</summary>
        AlreadyThere,
        /// <summary>The row cannot be applied; <see cref="Planned.Problem"/> says why.</summary>
        Problem,
    }

    /// <param name="Reason">Why the row cannot be applied (for <see cref="Outcome.Problem"/>).</param>
    /// <param name="CohortFull">The row is refused only because the cohort has no place left.</param>
    public sealed record Planned(int Line, string FullName, string Email, string Role, Outcome Outcome, string? Reason = null, bool CohortFull = false)
    {
        /// <summary>The problem with the line it is on, as a preview lists it.</summary>
        public string? Problem => Reason is null ? null : $"Line {Line}: {Reason}";
    }

    public sealed record Applied(int Invited, int Added, int EmailsNotSent);

    public async Task<IReadOnlyList<Planned>> PlanAsync(Site site, Cohort? cohort, IReadOnlyList<RosterFile.Row> rows, CancellationToken ct)
    {
        var emails = rows.Where(r => r.Problem is null).Select(r => SiteMembers.Normalize(r.Email)).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail))
            .Select(u => new { u.Id, u.NormalizedEmail, HasPassword = u.PasswordHash != null }).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var memberships = await db.SiteMemberships.AsNoTracking().Where(m => m.SiteId == site.Id && ids.Contains(m.PersonId))
            .Select(m => new { m.PersonId, m.Role }).ToListAsync(ct);
        var enrollments = cohort is null ? []
            : await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.PersonId) && e.CourseId == cohort.CourseId)
                .Select(e => new { e.PersonId, e.CohortId }).ToListAsync(ct);
        var seats = cohort is null ? 0
            : cohort.Capacity - await db.Enrollments.CountAsync(e => e.CohortId == cohort.Id && e.Status != EnrollmentStatus.Withdrawn, ct);

        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var plan = new List<Planned>();
        foreach (var row in rows)
        {
            Planned Result(Outcome outcome, string? reason = null, bool full = false) => new(row.Line, row.FullName, row.Email, row.Role, outcome, reason, full);
            if (row.Problem is not null)
            {
                plan.Add(new Planned(row.Line, row.FullName, row.Email, row.Role, Outcome.Problem, row.Problem));
                continue;
            }
            var key = SiteMembers.Normalize(row.Email);
            if (firstLine.TryGetValue(key, out var earlier))
            {
                plan.Add(Result(Outcome.Problem, $"{row.Email} is also on line {earlier}. Each person needs only one line."));
                continue;
            }
            firstLine[key] = row.Line;
            var person = people.FirstOrDefault(p => p.NormalizedEmail == key);
            var isMember = person is not null && memberships.Any(m => m.PersonId == person.Id && m.Role == row.Role);
            var joins = person is { HasPassword: true } ? Outcome.Add : Outcome.Invite;
            if (row.Role != Roles.Trainee)
            {
                plan.Add(Result(isMember ? Outcome.AlreadyThere : joins));
                continue;
            }
            if (cohort is null)
            {
                plan.Add(Result(Outcome.Problem, "Choose the cohort a trainee joins."));
                continue;
            }
            var enrollment = person is null ? null : enrollments.FirstOrDefault(e => e.PersonId == person.Id);
            if (enrollment?.CohortId == cohort.Id)
            {
                plan.Add(Result(isMember ? Outcome.AlreadyThere : joins));
                continue;
            }
            if (enrollment?.CohortId is not null)
            {
                plan.Add(Result(Outcome.Problem, $"{row.Email} is already taking this course with another group. Ask the institute to move them."));
                continue;
            }
            if (seats <= 0)
            {
                plan.Add(Result(Outcome.Problem, $"The cohort is full: it has {cohort.Capacity} places. Raise its capacity, or put this person in another cohort.", full: true));
                continue;
            }
            seats--;
            plan.Add(Result(joins));
        }
        return plan;
    }

    /// <summary>
    /// Invites everyone planned, in the caller's transaction, and returns the emails to send once it is committed. A
    /// person new to TrainingHub is put on the roster at once (their account cannot be signed in to until they open
    /// their link, and it holds no records). Someone who already has an account only gets a pending invitation: their
    /// membership of the site, and their place in the cohort, begin when they accept it (ADR 0012).
    /// </summary>
    public async Task<(Applied Counts, List<MailMessage> Emails)> ApplyAsync(Site site, Cohort? cohort, IEnumerable<Planned> plan, string actorId, CancellationToken ct,
        string? language = null)
    {
        var emails = new List<MailMessage>();
        var invited = 0;
        foreach (var row in plan.Where(p => p.Outcome is Outcome.Invite or Outcome.Add))
        {
            var existing = await members.FindAsync(row.Email);
            var person = existing ?? await members.CreateAsync(row.Email, row.FullName, "Email", language);
            var cohortId = row.Role == Roles.Trainee ? cohort?.Id : null;
            if (existing is null)
            {
                await members.JoinAsync(person, site.Id, row.Role, cohortId is null ? null : cohort, actorId, ct);
            }
            var (invitation, link) = await links.CreateAsync(site.Id, person.Id, row.Role, cohortId, actorId, ct);
            emails.Add(existing is null
                ? links.PersonEmail(person, site.Name, row.Role, cohort?.Name, link, invitation.ExpiresAt)
                : links.ExistingAccountEmail(person, site.Name, row.Role, cohortId is null ? null : cohort?.Name, link, invitation.ExpiresAt));
            audit.Record(actorId, SiteAuditActions.PersonInvited, $"person/{person.Id}",
                $"site/{site.Id} as {row.Role}{(cohortId is null ? "" : $" in cohort/{cohortId}")}{(existing is null ? "" : ", pending their acceptance")}");
            invited++;
            await db.SaveChangesAsync(ct);
        }
        return (new Applied(invited, 0, 0), emails);
    }
}
