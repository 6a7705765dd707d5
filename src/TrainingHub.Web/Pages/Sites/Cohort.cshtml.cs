using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Domain;
using TrainingHub.Features.Sites;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Sites;

public sealed class CohortModel(ISender sender) : AppPageModel(sender)
{
    public GetCohortRoster.Result Roster { get; private set; } = null!;

    [BindProperty]
    public CohortInput Input { get; set; } = new();

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    [TempData]
    public string? Done { get; set; }

    public bool EditingDetails { get; private set; }

    public sealed class InviteInput
    {
        public string? FullName { get; set; }
        public string? Email { get; set; }
    }

    public async Task OnGetAsync(Guid siteId, Guid cohortId) => await Load(siteId, cohortId, keepInput: false);

    public async Task<IActionResult> OnPostInviteAsync(Guid siteId, Guid cohortId)
    {
        try
        {
            var result = await Sender.Send(new InvitePerson.Command(PersonId, siteId, cohortId, Invite.FullName, Invite.Email?.Trim(), Roles.Trainee));
            Done = PeopleModel.InvitationDone(result);
            return Redirect($"/sites/{siteId}/cohorts/{cohortId}");
        }
        catch (ValidationException e)
        {
            ModelState.Clear();
            ModelState.AddValidationErrors(e, "Invite");
            await Load(siteId, cohortId, keepInput: false);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDetailsAsync(Guid siteId, Guid cohortId)
    {
        try
        {
            await Sender.Send(new SaveCohort.Command(PersonId, siteId, cohortId, Input.Name, Input.CourseId, Input.StartsOn, Input.Schedule,
                Input.DeliveryMode, Input.Capacity, Input.FacilitatorId));
            Done = "The cohort's details are saved.";
            return Redirect($"/sites/{siteId}/cohorts/{cohortId}");
        }
        catch (ValidationException e)
        {
            ModelState.Clear();
            ModelState.AddValidationErrors(e);
            EditingDetails = true;
            await Load(siteId, cohortId, keepInput: true);
            return Page();
        }
    }

    private async Task Load(Guid siteId, Guid cohortId, bool keepInput)
    {
        Roster = await Sender.Send(new GetCohortRoster.Query(PersonId, siteId, cohortId));
        if (keepInput) return;
        Input = new CohortInput
        {
            Name = Roster.Name, CourseId = Roster.CourseId, FacilitatorId = Roster.FacilitatorId, StartsOn = Roster.StartsOn,
            Schedule = Roster.Schedule, DeliveryMode = Roster.DeliveryMode, Capacity = Roster.Capacity,
        };
    }
}
