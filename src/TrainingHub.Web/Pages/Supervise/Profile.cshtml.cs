using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.SignOffs;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Supervise;

[FormPrefix("Input")]
public sealed class SupervisorProfileModel(ISender sender) : AppPageModel(sender)
{
    public GetSupervisorProfile.Result Profile { get; private set; } = null!;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public sealed class InputModel
    {
        public string? CredentialHeld { get; set; }
        public int? YearsSupervisingPeers { get; set; }
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input = new InputModel { CredentialHeld = Profile.PendingCredentialHeld ?? Profile.CredentialHeld, YearsSupervisingPeers = Profile.PendingYearsSupervisingPeers ?? Profile.YearsSupervisingPeers };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await Sender.Send(new UpdateSupervisorProfile.Command(PersonId, Input.CredentialHeld, Input.YearsSupervisingPeers));
        return RedirectToPage(new { Saved = true });
    }

    protected internal override async Task LoadAsync() => Profile = await Sender.Send(new GetSupervisorProfile.Query(PersonId));
}
