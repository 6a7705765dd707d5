using Microsoft.AspNetCore.Mvc;
using Mediator;
using Microsoft.Extensions.Localization;
using TrainingHub.Content;
using TrainingHub.Features.Sites.Onboarding;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Sites;

/// <summary>The coordinator sets up their site: details, readiness checklist, then sends it to the institute for review.</summary>
public sealed class OnboardingModel(ISender sender, OnboardingGuide guide, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    public GetSiteOnboarding.Result Site { get; private set; } = null!;

    [FromRoute]
    public Guid SiteId { get; set; }

    public OnboardingGuide Guide => guide;

    [BindProperty]
    public ProfileInput Profile { get; set; } = new();

    [BindProperty]
    public ChecklistInput Checklist { get; set; } = new();

    [FromQuery]
    public bool Welcome { get; set; }

    [TempData]
    public string? Done { get; set; }

    public sealed class ProfileInput
    {
        public string? StreetAddress { get; set; }
        public string? City { get; set; }
        public string? PostalCode { get; set; }
        public string? ProgrammeType { get; set; }
        public string? CredentialBoard { get; set; }
    }

    public sealed class ChecklistInput
    {
        public List<CheckInput> Checks { get; set; } = [];
    }

    public sealed class CheckInput
    {
        public string? ItemId { get; set; }
        public bool Done { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>The form that was sent, which keeps what was typed when it is refused; the other forms show what is saved.</summary>
    private string? sentForm;

    public Task OnGetAsync() => LoadAsync();

    [FormPrefix(nameof(Profile))]
    public Task<IActionResult> OnPostProfileAsync() => Run(nameof(Profile),
        new SaveSiteProfile.Command(PersonId, SiteId, Profile.StreetAddress, Profile.City, Profile.PostalCode, Profile.ProgrammeType, Profile.CredentialBoard),
        L["Your site's details are saved."]);

    [FormPrefix(nameof(Checklist))]
    public Task<IActionResult> OnPostChecklistAsync() => Run(nameof(Checklist),
        new SaveReadinessChecklist.Command(PersonId, SiteId, Checklist.Checks.Select(c => new SaveReadinessChecklist.Check(c.ItemId ?? "", c.Done, c.Note)).ToList()),
        L["The checklist is saved."]);

    public Task<IActionResult> OnPostSubmitAsync() => Run(null, new SubmitSiteForReview.Command(PersonId, SiteId),
        L["Your site is sent for review. The institute will email you when it has looked at it."]);

    private async Task<IActionResult> Run(string? form, ICommand command, string done)
    {
        sentForm = form;
        await Sender.Send(command);
        Done = done;
        return RedirectToPage(new { siteId = SiteId });
    }

    protected internal override async Task LoadAsync()
    {
        Site = await Sender.Send(new GetSiteOnboarding.Query(PersonId, SiteId));
        if (sentForm != nameof(Profile))
        {
            Profile = new ProfileInput
            {
                StreetAddress = Site.StreetAddress, City = Site.City, PostalCode = Site.PostalCode, ProgrammeType = Site.ProgrammeType, CredentialBoard = Site.CredentialBoard,
            };
        }
        if (sentForm != nameof(Checklist)) Checklist = new ChecklistInput();
    }
}
