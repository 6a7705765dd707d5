using Microsoft.AspNetCore.Mvc;
using Mediator;
using Microsoft.Extensions.Localization;
using TrainingHub.Domain;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Sites.Cohorts;
using TrainingHub.Features.Sites.People;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Sites;

public sealed class CohortModel(ISender sender, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    public GetCohortRoster.Result Roster { get; private set; } = null!;

    [FromRoute]
    public Guid SiteId { get; set; }

    [FromRoute]
    public Guid CohortId { get; set; }

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

    public Task OnGetAsync() => LoadAsync();

    [FormPrefix(nameof(Invite))]
    public async Task<IActionResult> OnPostInviteAsync()
    {
        var result = await Sender.Send(new InvitePerson.Command(PersonId, SiteId, CohortId, Invite.FullName, Invite.Email?.Trim(), Roles.Trainee));
        Done = PeopleModel.InvitationDone(L, result);
        return Redirect($"/sites/{SiteId}/cohorts/{CohortId}");
    }

    [FormPrefix(nameof(Input))]
    public async Task<IActionResult> OnPostDetailsAsync()
    {
        // Only matters if the details are refused: the page then shows them open, as posted.
        EditingDetails = true;
        await Sender.Send(new SaveCohort.Command(PersonId, SiteId, CohortId, Input.Name, Input.CourseId, Input.StartsOn, Input.Schedule,
            Input.DeliveryMode, Input.Capacity, Input.FacilitatorId));
        Done = L["The cohort's details are saved."];
        return Redirect($"/sites/{SiteId}/cohorts/{CohortId}");
    }

    protected internal override async Task LoadAsync()
    {
        Roster = await Sender.Send(new GetCohortRoster.Query(PersonId, SiteId, CohortId));
        if (EditingDetails) return;
        Input = new CohortInput
        {
            Name = Roster.Name, CourseId = Roster.CourseId, FacilitatorId = Roster.FacilitatorId, StartsOn = Roster.StartsOn,
            Schedule = Roster.Schedule, DeliveryMode = Roster.DeliveryMode, Capacity = Roster.Capacity,
        };
    }
}
