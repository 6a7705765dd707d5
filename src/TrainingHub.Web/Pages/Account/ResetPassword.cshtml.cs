using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TrainingHub.Features.Accounts;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Account;

[EnableRateLimiting(RateLimits.Account)]
[FormPrefix(nameof(Input))]
public sealed class ResetPasswordModel(ISender sender) : AppPageModel(sender)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Done { get; private set; }

    public sealed class InputModel
    {
        public string Email { get; set; } = "";
        public string Token { get; set; } = "";
        public string Password { get; set; } = "";
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet(string? email, string? token)
    {
        Input.Email = email ?? "";
        Input.Token = token ?? "";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await Sender.Send(new ResetPassword.Command(Input.Email ?? "", Input.Token ?? "", Input.Password ?? "", Input.ConfirmPassword ?? ""));
        Done = true;
        return Page();
    }
}
