using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.SignOffs;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Admin;

public sealed class AdminSignOffsModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<ListSignOffs.Item> Items { get; private set; } = [];

    [BindProperty]
    public Guid SignOffId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Revoked { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await Sender.Send(new RevokeSignOff.Command(PersonId, SignOffId, Reason ?? ""));
        return RedirectToPage(new { Revoked = true });
    }

    protected internal override async Task LoadAsync() => Items = await Sender.Send(new ListSignOffs.Query(PersonId));
}
