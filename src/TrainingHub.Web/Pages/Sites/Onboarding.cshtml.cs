using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Content;
using TrainingHub.Features.Sites;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Sites;

/// <summary>The coordinator sets up their site: details, readiness checklist, then sends it to the institute for review.</summary>
public sealed class OnboardingModel(ISender sender, OnboardingGuide guide) : AppPageModel(sender)
{
    public GetSiteOnboarding.Result Site { get; private set; } = null!;

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

    public async Task OnGetAsync(Guid siteId)
    {
        await Load(siteId);
        Profile = new ProfileInput
        {
            StreetAddress = Site.StreetAddress, City = Site.City, PostalCode = Site.PostalCode, ProgrammeType = Site.ProgrammeType, CredentialBoard = Site.CredentialBoard,
        };
        Checklist = new ChecklistInput();
    }

    public Task<IActionResult> OnPostProfileAsync(Guid siteId) => Run(siteId, "Profile",
        new SaveSiteProfile.Command(PersonId, siteId, Profile.StreetAddress, Profile.City, Profile.PostalCode, Profile.ProgrammeType, Profile.CredentialBoard),
        "Your site's details are saved.");

    public Task<IActionResult> OnPostChecklistAsync(Guid siteId) => Run(siteId, "Checklist",
        new SaveReadinessChecklist.Command(PersonId, siteId, Checklist.Checks.Select(c => new SaveReadinessChecklist.Check(c.ItemId ?? "", c.Done, c.Note)).ToList()),
        "The checklist is saved.");

    public Task<IActionResult> OnPostSubmitAsync(Guid siteId) => Run(siteId, "", new SubmitSiteForReview.Command(PersonId, siteId),
        "Your site is sent for review. The institute will email you when it has looked at it.");

    private async Task<IActionResult> Run(Guid siteId, string prefix, ICommand command, string done)
    {
        try
        {
            await Sender.Send(command);
            Done = done;
            return RedirectToPage(new { siteId });
        }
        catch (ValidationException e)
        {
            ModelState.Clear();
            ModelState.AddValidationErrors(e, prefix);
            await Load(siteId);
            if (prefix != "Profile")
            {
                Profile = new ProfileInput
                {
                    StreetAddress = Site.StreetAddress, City = Site.City, PostalCode = Site.PostalCode, ProgrammeType = Site.ProgrammeType, CredentialBoard = Site.CredentialBoard,
                };
            }
            if (prefix != "Checklist") Checklist = new ChecklistInput();
            return Page();
        }
    }

    private async Task Load(Guid siteId) => Site = await Sender.Send(new GetSiteOnboarding.Query(PersonId, siteId));
}
