using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TrainingHub.Features.Accounts;
using TrainingHub.Infrastructure;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Account;

[EnableRateLimiting(RateLimits.Account)]
[FormPrefix(nameof(Input))]
public sealed class ForgotPasswordModel(ISender sender, IOptions<InstituteOptions> institute) : AppPageModel(sender)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public sealed class InputModel
    {
        public string Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var resetPage = new Uri(new Uri(institute.Value.PublicBaseUrl), "/account/reset-password").ToString();
        await Sender.Send(new RequestPasswordReset.Command(Input.Email?.Trim() ?? "", resetPage));
        Sent = true;
        return Page();
    }
}
