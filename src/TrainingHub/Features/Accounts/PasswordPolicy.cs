using Microsoft.AspNetCore.Identity;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Accounts;

/// <summary>
/// Long passwords without composition rules (NIST SP 800-63B): at least 12 characters, not a well-known password,
/// not the person's own email or name.
/// </summary>
public static class PasswordPolicy
{
    public static void Apply(IdentityOptions o, AccountOptions accounts)
    {
        o.Password.RequiredLength = accounts.MinimumPasswordLength;
        o.Password.RequiredUniqueChars = 4;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedSignInAttempts;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
        o.User.RequireUniqueEmail = true;
        // The account name is the email address: allow every character an address may hold (o'brien@example.org).
        o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+!#$%&'*/=?^`{|}~";
        o.SignIn.RequireConfirmedAccount = false;
    }
}

public sealed class CommonPasswordValidator : IPasswordValidator<Person>
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1234", "123456789012", "qwertyuiop12", "passwordpassword", "iloveyou1234", "letmein12345",
        "welcome12345", "recovery1234", "changeme1234", "administrator", "password12345", "1234567890ab",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<Person> manager, Person user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        var lowered = password.ToLowerInvariant();
        var local = user.Email?.Split('@')[0].ToLowerInvariant();
        if (Common.Contains(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = "This password is too well known. Choose a phrase of a few words that only you would think of." }));
        }
        if ((local is { Length: >= 3 } && lowered.Contains(local, StringComparison.Ordinal)) ||
            (user.FullName.Length >= 3 && lowered.Contains(user.FullName.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PersonalPassword", Description = "The password must not contain your name or email address." }));
        }
        return Task.FromResult(IdentityResult.Success);
    }
}
