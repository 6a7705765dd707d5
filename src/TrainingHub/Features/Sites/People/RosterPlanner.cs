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
public sealed class RosterPlanner(TrainingHubDb db, SiteMembers members, InvitationLinks links, CourseCatalog catalog, TimeProvider clock, AuditTrail audit)
{
    public enum Outcome
    {
        /// <summary>A new account (or one that never chose a password): they are emailed a link.</summary>
        Invite,
        /// <summary>Someone who already signs in: they are added and told by email.</summary>
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
    /// Adds everyone planned to be invited or added, in the caller's transaction, and returns the emails to send once
    /// it is committed.
    /// </summary>
    public async Task<(Applied Counts, List<MailMessage> Emails)> ApplyAsync(Site site, Cohort? cohort, IEnumerable<Planned> plan, string actorId, CancellationToken ct)
    {
        var emails = new List<MailMessage>();
        int invited = 0, added = 0;
        var course = cohort is null ? null : catalog.Find(cohort.CourseId);
        foreach (var row in plan.Where(p => p.Outcome is Outcome.Invite or Outcome.Add))
        {
            var person = await members.FindAsync(row.Email) ?? await members.CreateAsync(row.Email, row.FullName, "Email");
            await members.AddRoleAsync(person, site.Id, row.Role, ct);
            Guid? cohortId = null;
            if (row.Role == Roles.Trainee && cohort is not null && course is not null)
            {
                cohortId = cohort.Id;
                var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.PersonId == person.Id && e.CourseId == cohort.CourseId, ct);
                if (enrollment is null)
                {
                    enrollment = new Enrollment
                    {
                        Id = Guid.NewGuid(), PersonId = person.Id, CourseId = course.Id, CourseVersion = course.Version, ContentHash = course.ContentHash,
                        CohortId = cohort.Id, Status = EnrollmentStatus.Active, EnrolledAt = clock.GetUtcNow().UtcDateTime,
                    };
                    db.Enrollments.Add(enrollment);
                    audit.Record(actorId, AuditActions.Enrolled, $"enrollment/{enrollment.Id}", $"course {course.Id} version {course.Version} in cohort/{cohort.Id}");
                }
                else if (enrollment.CohortId is null)
                {
                    enrollment.CohortId = cohort.Id;
                    audit.Record(actorId, SiteAuditActions.PersonAdded, $"enrollment/{enrollment.Id}", $"joined cohort/{cohort.Id}");
                }
            }
            if (SiteMembers.HasPassword(person))
            {
                emails.Add(links.AddedEmail(person, site.Name, row.Role, cohort?.Name));
                audit.Record(actorId, SiteAuditActions.PersonAdded, $"person/{person.Id}", $"site/{site.Id} as {row.Role}{(cohortId is null ? "" : $" in cohort/{cohortId}")}");
                added++;
            }
            else
            {
                var (invitation, link) = await links.CreateAsync(site.Id, person.Id, row.Role, cohortId, actorId, ct);
                emails.Add(links.PersonEmail(person, site.Name, row.Role, cohort?.Name, link, invitation.ExpiresAt));
                audit.Record(actorId, SiteAuditActions.PersonInvited, $"person/{person.Id}", $"site/{site.Id} as {row.Role}{(cohortId is null ? "" : $" in cohort/{cohortId}")}");
                invited++;
            }
            await db.SaveChangesAsync(ct);
        }
        return (new Applied(invited, added, 0), emails);
    }
}
