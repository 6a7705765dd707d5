using FluentValidation;
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

    public async Task OnGetAsync() => Items = await Sender.Send(new ListSignOffs.Query(PersonId));

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await Sender.Send(new RevokeSignOff.Command(PersonId, SignOffId, Reason ?? ""));
            return RedirectToPage(new { Revoked = true });
        }
        catch (ValidationException e)
        {
            ModelState.AddValidationErrors(e, prefix: "");
            Items = await Sender.Send(new ListSignOffs.Query(PersonId));
            return Page();
        }
    }
}
