using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Mediator;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;
using TrainingHub.Features.Sites.People;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Account;

/// <summary>Where an invitation link leads: the invited person chooses their password and is signed in.</summary>
[EnableRateLimiting(RateLimits.Account)]
[FormPrefix(nameof(Input))]
public sealed class JoinModel(ISender sender, UserManager<Person> users, SignInManager<Person> signIn) : AppPageModel(sender)
{
    [FromRoute]
    public string Token { get; set; } = "";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public GetInvitation.Result Link { get; private set; } = null!;

    public bool AlreadyHadPassword { get; private set; }

    /// <summary>Who is signed in on this device, if anyone; an existing account accepts only when signed in as itself.</summary>
    public string? SignedInId => PersonIdOrNull;

    public sealed class InputModel
    {
        public string Token { get; set; } = "";
        public string? FullName { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.FullName = Link.FullName;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await Sender.Send(new AcceptInvitation.Command(Token, Input.FullName ?? "", Input.Password ?? "", Input.ConfirmPassword ?? ""));
        return await SignInAfterAsync(result);
    }

    /// <summary>Someone who already has an account accepts, signed in as themselves: they keep their password.</summary>
    public async Task<IActionResult> OnPostAcceptAsync()
    {
        var result = await Sender.Send(new AcceptInvitation.Command(Token, "", "", "", PersonIdOrNull ?? ""));
        return await SignInAfterAsync(result);
    }

    private async Task<IActionResult> SignInAfterAsync(AcceptInvitation.Result result)
    {
        if (result.AlreadyHadPassword)
        {
            await LoadAsync();
            AlreadyHadPassword = true;
            return Page();
        }
        var person = await users.FindByIdAsync(result.PersonId) ?? throw new InvalidOperationException("The account that accepted the invitation is gone.");
        await signIn.SignOutAsync();
        await signIn.SignInAsync(person, isPersistent: false);
        await Sender.Send(new RecordSignIn.Command(person.Email!, RecordSignIn.Outcome.SignedIn));
        return LocalRedirect(result.Role == Roles.SiteCoordinator && result.SiteStatus is SiteStatus.Onboarding
            ? $"/sites/{result.SiteId}/onboarding?welcome=true"
            : "/dashboard");
    }

    protected internal override async Task LoadAsync() => Link = await Sender.Send(new GetInvitation.Query(Token));
}
