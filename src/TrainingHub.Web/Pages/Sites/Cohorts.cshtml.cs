using Microsoft.AspNetCore.Mvc;
using Mediator;
using Microsoft.Extensions.Localization;
using TrainingHub.Features.Sites.Cohorts;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Sites;

[FormPrefix("Input")]
public sealed class CohortsModel(ISender sender, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    public ListCohorts.Result List { get; private set; } = null!;

    [FromRoute]
    public Guid SiteId { get; set; }

    [BindProperty]
    public CohortInput Input { get; set; } = new();

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input = new CohortInput { Capacity = 16, DeliveryMode = Domain.DeliveryMode.InPerson };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await Sender.Send(new SaveCohort.Command(PersonId, SiteId, null, Input.Name, Input.CourseId, Input.StartsOn, Input.Schedule,
            Input.DeliveryMode, Input.Capacity, Input.FacilitatorId));
        Done = L["The cohort is created. Now invite its trainees."];
        return Redirect($"/sites/{SiteId}/cohorts/{id}");
    }

    protected internal override async Task LoadAsync() => List = await Sender.Send(new ListCohorts.Query(PersonId, SiteId));
}
