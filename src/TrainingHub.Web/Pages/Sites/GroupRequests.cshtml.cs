using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Features.Sites.Cohorts;

namespace TrainingHub.Web.Pages.Sites;

public sealed class GroupRequestsModel(ISender sender, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    public ListGroupRequests.Result List { get; private set; } = null!;

    [FromRoute]
    public Guid SiteId { get; set; }

    [BindProperty]
    public Guid RequestId { get; set; }

    [BindProperty]
    public Guid? CohortId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Done { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        await Sender.Send(new AnswerGroupRequest.Command(PersonId, SiteId, RequestId, true, CohortId, null));
        Done = L["The trainee is in the group, and an e-mail tells them so."];
        return RedirectToPage(new { siteId = SiteId });
    }

    public async Task<IActionResult> OnPostDeclineAsync()
    {
        await Sender.Send(new AnswerGroupRequest.Command(PersonId, SiteId, RequestId, false, null, Reason));
        Done = L["The request is declined, and an e-mail gives the trainee your reason."];
        return RedirectToPage(new { siteId = SiteId });
    }

    protected internal override async Task LoadAsync() => List = await Sender.Send(new ListGroupRequests.Query(PersonId, SiteId));
}
