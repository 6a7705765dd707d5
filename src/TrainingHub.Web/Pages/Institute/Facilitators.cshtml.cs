using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.Sites.Facilitators;

namespace TrainingHub.Web.Pages.Institute;

public sealed class FacilitatorsModel(ISender sender) : AppPageModel(sender)
{
    public ListFacilitatorApprovals.Result List { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    [BindProperty]
    public List<string> CourseIds { get; set; } = [];

    public string? PersonIdInError { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync(string? personId)
    {
        // Only matters if the approvals are refused: that person's form then shows open, with the messages.
        PersonIdInError = personId;
        await Sender.Send(new SetFacilitatorApprovals.Command(PersonId, personId ?? "", CourseIds));
        return RedirectToPage(new { Saved = true });
    }

    protected internal override async Task LoadAsync() => List = await Sender.Send(new ListFacilitatorApprovals.Query(PersonId));
}
