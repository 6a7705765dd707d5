using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.Credentials.Held;

namespace TrainingHub.Web.Pages.Shared;

/// <summary>
/// Credentials held, their renewal and the next step on the ladder, as one block a page includes with one line (My
/// credentials, and site staff's view of a trainee), so those pages keep their own layout.
/// </summary>
public sealed class CredentialLifeViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string personId, Guid? siteId)
    {
        var actor = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("This block requires a signed-in person.");
        return View(await sender.Send(new CredentialLife.Query(actor, personId, siteId)));
    }
}
