using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Account;

[EnableRateLimiting(RateLimits.Account)]
public sealed class SignInModel(ISender sender, SignInManager<Person> signIn) : AppPageModel(sender)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the email address you sign in with.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.org.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result.Succeeded ? RecordSignIn.Outcome.SignedIn : result.IsLockedOut ? RecordSignIn.Outcome.LockedOut : RecordSignIn.Outcome.Failed;
        await Sender.Send(new RecordSignIn.Command(Input.Email, outcome));
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/home");
        }
        ModelState.AddModelError("", result.IsLockedOut
            ? "Your account is locked for a few minutes after too many tries. Wait, then try again, or reset your password."
            : "The email address or password is not right. Check them and try again.");
        return Page();
    }
}
