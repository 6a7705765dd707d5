using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.SignOffs;

namespace TrainingHub.Web.Pages.Admin;

public sealed class AdminSupervisorsModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<SupervisorQualifications.Item> Items { get; private set; } = [];

    [BindProperty]
    public string? SupervisorId { get; set; }

    [BindProperty]
    public string? CredentialHeld { get; set; }

    [BindProperty]
    public int? YearsSupervisingPeers { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Confirmed { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await Sender.Send(new ConfirmSupervisorQualification.Command(PersonId, SupervisorId ?? "", CredentialHeld, YearsSupervisingPeers));
        return RedirectToPage(new { Confirmed = true });
    }

    protected internal override async Task LoadAsync() => Items = await Sender.Send(new SupervisorQualifications.Query(PersonId));
}
