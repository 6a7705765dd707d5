using Microsoft.AspNetCore.Identity;
using TrainingHub.Domain;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Password sign-in that costs the same and answers the same whatever the address: the password is always checked with
/// the site's password hasher (against a dummy hash for an unknown address), and a locked account's password is checked
/// too, so neither the time taken nor the words tell whether an account exists or is locked (docs/decisions/0013).
/// </summary>
public sealed class EvenSignIn(SignInManager<Person> signIn, UserManager<Person> users, IPasswordHasher<Person> hasher)
{
    public enum Outcome { SignedIn, Failed, LockedOut }

    /// <summary>The words for every failed sign-in, locked or not, known address or not.</summary>
    public const string FailureMessage =
        "We could not sign you in with that email address and password. Check them and try again. " +
        "After several wrong tries an account is paused for a few minutes: wait, then try again, or reset your password.";

    private static readonly Person Nobody = new();

    // Made once, by the site's own hasher, so it has the algorithm and iteration count real hashes have.
    private static string? _dummyHash;

    /// <param name="keepSignedIn">A persistent cookie that outlives the browser window (still ending after the idle time).</param>
    public async Task<Outcome> PasswordSignInAsync(string email, string password, bool keepSignedIn = false)
    {
        var person = await users.FindByEmailAsync(email);
        if (person is not null && !await users.IsLockedOutAsync(person))
        {
            var result = await signIn.PasswordSignInAsync(person, password, isPersistent: keepSignedIn, lockoutOnFailure: true);
            return result.Succeeded ? Outcome.SignedIn : result.IsLockedOut ? Outcome.LockedOut : Outcome.Failed;
        }
        // What a wrong password costs: the hash is computed, and its answer ignored.
        _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(person ?? Nobody, person?.PasswordHash ?? _dummyHash, password);
        return person is null ? Outcome.Failed : Outcome.LockedOut;
    }
}
