using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TrainingHub.Features.Accounts;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Account;

[EnableRateLimiting(RateLimits.Account)]
public sealed class SignInModel(ISender sender, EvenSignIn signIn) : AppPageModel(sender)
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

        public bool KeepSignedIn { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var outcome = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.KeepSignedIn);
        await Sender.Send(new RecordSignIn.Command(Input.Email, outcome switch
        {
            EvenSignIn.Outcome.SignedIn => RecordSignIn.Outcome.SignedIn,
            EvenSignIn.Outcome.LockedOut => RecordSignIn.Outcome.LockedOut,
            _ => RecordSignIn.Outcome.Failed,
        }));
        if (outcome == EvenSignIn.Outcome.SignedIn)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/home");
        }
        // The same words whether the address is unknown, the password wrong or the account locked (docs/decisions/0013).
        ModelState.AddModelError("", EvenSignIn.FailureMessage);
        return Page();
    }
}
