using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Content;
using TrainingHub.Features.Accounts;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.People;

/// <summary>
/// Finds or creates the account of a person a site invites, and gives them a role there. An invited person's account
/// has no password until they open their link, so it cannot be signed in to.
/// </summary>
public sealed partial class SiteMembers(TrainingHubDb db, UserManager<Person> users, CourseCatalog catalog, TimeProvider clock, AuditTrail audit)
{
    /// <summary>Roles a site coordinator may invite people to.</summary>
    public static readonly string[] InvitableRoles = [Roles.Trainee, Roles.Supervisor, Roles.Facilitator, Roles.SiteCoordinator];

    public const int MaxEmailLength = 254;

    /// <summary>An address a person can receive mail at, in the characters an account name may hold.</summary>
    public static bool IsEmail(string? email) => email is { Length: <= MaxEmailLength } && EmailPattern().IsMatch(email);

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public async Task<Person?> FindAsync(string email) => await users.FindByEmailAsync(email.Trim());

    /// <summary>Creates an account with no password for the email. The caller has checked that none exists.</summary>
    /// <param name="language">The language an inviter chose for someone new: their e-mails and join page are written in it.</param>
    public async Task<Person> CreateAsync(string email, string fullName, string property, string? language = null)
    {
        var person = new Person
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = false,
            FullName = fullName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            PreferredLanguage = language,
        };
        IdentityErrors.ThrowIfFailed(await users.CreateAsync(person), property);
        return person;
    }

    /// <summary>Gives the person the role at the site (and the account role that opens its pages). False when they already held it.</summary>
    public async Task<bool> AddRoleAsync(Person person, Guid siteId, string role, CancellationToken ct)
    {
        if (!await users.IsInRoleAsync(person, role))
        {
            IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(person, role), "Role");
        }
        if (await db.SiteMemberships.AnyAsync(m => m.SiteId == siteId && m.PersonId == person.Id && m.Role == role, ct)) return false;
        db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = siteId, PersonId = person.Id, Role = role, CreatedAt = clock.GetUtcNow().UtcDateTime });
        return true;
    }

    /// <summary>
    /// Makes the person a member of the site in the role and, for a trainee, puts them in the cohort: at invitation for
    /// someone new to TrainingHub, at acceptance for someone who already has an account. A person already taking the
    /// course with another group is refused (the institute moves people between groups).
    /// </summary>
    public async Task JoinAsync(Person person, Guid siteId, string role, Cohort? cohort, string actorId, CancellationToken ct)
    {
        await AddRoleAsync(person, siteId, role, ct);
        if (role != Roles.Trainee || cohort is null || catalog.Find(cohort.CourseId) is not { } course) return;
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
        else if (enrollment.CohortId != cohort.Id)
        {
            throw Invalid("", $"You are already taking this course with another group, so you cannot join \"{cohort.Name}\". Ask the institute to move you.");
        }
    }

    public static bool HasPassword(Person person) => !string.IsNullOrEmpty(person.PasswordHash);

    public static ValidationException Invalid(string property, string message) => new([new FluentValidation.Results.ValidationFailure(property, message)]);

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
    private static partial Regex EmailPattern();
}
