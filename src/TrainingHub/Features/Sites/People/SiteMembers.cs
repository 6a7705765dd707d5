using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;

namespace TrainingHub.Features.Sites.People;

/// <summary>
/// Finds or creates the account of a person a site invites, and gives them a role there. An invited person's account
/// has no password until they open their link, so it cannot be signed in to.
/// </summary>
public sealed partial class SiteMembers(TrainingHubDb db, UserManager<Person> users, TimeProvider clock)
{
    /// <summary>Roles a site coordinator may invite people to.</summary>
    public static readonly string[] InvitableRoles = [Roles.Trainee, Roles.Supervisor, Roles.Facilitator, Roles.SiteCoordinator];

    public const int MaxEmailLength = 254;

    /// <summary>An address a person can receive mail at, in the characters an account name may hold.</summary>
    public static bool IsEmail(string? email) => email is { Length: <= MaxEmailLength } && EmailPattern().IsMatch(email);

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public async Task<Person?> FindAsync(string email) => await users.FindByEmailAsync(email.Trim());

    /// <summary>Creates an account with no password for the email. The caller has checked that none exists.</summary>
    public async Task<Person> CreateAsync(string email, string fullName, string property)
    {
        var person = new Person
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = false,
            FullName = fullName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
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

    public static bool HasPassword(Person person) => !string.IsNullOrEmpty(person.PasswordHash);

    public static ValidationException Invalid(string property, string message) => new([new FluentValidation.Results.ValidationFailure(property, message)]);

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
    private static partial Regex EmailPattern();
}
