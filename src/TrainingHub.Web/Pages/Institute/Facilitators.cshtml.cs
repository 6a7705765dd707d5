using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Sites;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Institute;

public sealed class FacilitatorsModel(ISender sender) : AppPageModel(sender)
{
    public ListFacilitatorApprovals.Result List { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    [BindProperty]
    public List<string> CourseIds { get; set; } = [];

    public string? PersonIdInError { get; private set; }

    public async Task OnGetAsync() => List = await Sender.Send(new ListFacilitatorApprovals.Query(PersonId));

    public async Task<IActionResult> OnPostAsync(string? personId)
    {
        try
        {
            await Sender.Send(new SetFacilitatorApprovals.Command(PersonId, personId ?? "", CourseIds));
            return RedirectToPage(new { Saved = true });
        }
        catch (ValidationException e)
        {
            ModelState.Clear();
            ModelState.AddValidationErrors(e, prefix: "");
            PersonIdInError = personId;
            List = await Sender.Send(new ListFacilitatorApprovals.Query(PersonId));
            return Page();
        }
    }
}
