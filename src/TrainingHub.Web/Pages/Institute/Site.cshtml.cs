using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Features.Sites;
using TrainingHub.Infrastructure;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Institute;

/// <summary>The institute's view of one site: its coordinator's invitation, its details and checklist, and the review.</summary>
public sealed class InstituteSiteModel(ISender sender, OnboardingGuide guide, IOptions<InvitationOptions> invitations) : AppPageModel(sender)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [FromQuery]
    public string? Invited { get; set; }

    [TempData]
    public string? Done { get; set; }

    public GetSiteOnboarding.Result Site { get; private set; } = null!;

    public OnboardingGuide Guide => guide;

    public int LinkDays => invitations.Value.LinkDays;

    public sealed class InputModel
    {
        public string? Note { get; set; }
    }

    public async Task OnGetAsync(Guid siteId) => Site = await Sender.Send(new GetSiteOnboarding.Query(PersonId, siteId));

    public Task<IActionResult> OnPostActivateAsync(Guid siteId) => Review(siteId, ReviewSite.Decision.Activate, "The site is open. Its coordinator has been told by email.");

    public Task<IActionResult> OnPostSendBackAsync(Guid siteId) => Review(siteId, ReviewSite.Decision.SendBack, "The site is sent back. Its coordinator has your note by email.");

    public async Task<IActionResult> OnPostResendAsync(Guid siteId, string? personId)
    {
        try
        {
            var result = await Sender.Send(new ResendInvitation.Command(PersonId, siteId, personId ?? ""));
            Done = Sites.PeopleModel.ResendDone(result);
            return RedirectToPage(new { siteId });
        }
        catch (ValidationException e)
        {
            return await Invalid(siteId, e);
        }
    }

    private async Task<IActionResult> Review(Guid siteId, ReviewSite.Decision decision, string done)
    {
        try
        {
            await Sender.Send(new ReviewSite.Command(PersonId, siteId, decision, Input.Note));
            Done = done;
            return RedirectToPage(new { siteId });
        }
        catch (ValidationException e)
        {
            return await Invalid(siteId, e);
        }
    }

    private async Task<IActionResult> Invalid(Guid siteId, ValidationException e)
    {
        ModelState.Clear();
        ModelState.AddValidationErrors(e);
        Site = await Sender.Send(new GetSiteOnboarding.Query(PersonId, siteId));
        return Page();
    }
}
