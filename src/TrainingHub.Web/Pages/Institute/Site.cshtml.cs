using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Features.Sites.Onboarding;
using TrainingHub.Features.Sites.People;
using TrainingHub.Infrastructure;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Institute;

/// <summary>The institute's view of one site: its coordinator's invitation, its details and checklist, and the review.</summary>
[FormPrefix(nameof(Input))]
public sealed class InstituteSiteModel(ISender sender, OnboardingGuide guide, IOptions<InvitationOptions> invitations, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    [FromRoute]
    public Guid SiteId { get; set; }

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

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostActivateAsync() => Review(ReviewSite.Decision.Activate, L["The site is open. Its coordinator has been told by email."]);

    public Task<IActionResult> OnPostSendBackAsync() => Review(ReviewSite.Decision.SendBack, L["The site is sent back. Its coordinator has your note by email."]);

    public async Task<IActionResult> OnPostResendAsync(string? personId)
    {
        var result = await Sender.Send(new ResendInvitation.Command(PersonId, SiteId, personId ?? ""));
        Done = Sites.PeopleModel.ResendDone(L, result);
        return RedirectToPage(new { siteId = SiteId });
    }

    private async Task<IActionResult> Review(ReviewSite.Decision decision, string done)
    {
        await Sender.Send(new ReviewSite.Command(PersonId, SiteId, decision, Input.Note));
        Done = done;
        return RedirectToPage(new { siteId = SiteId });
    }

    protected internal override async Task LoadAsync() => Site = await Sender.Send(new GetSiteOnboarding.Query(PersonId, SiteId));
}
