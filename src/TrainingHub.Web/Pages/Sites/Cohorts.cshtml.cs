using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Sites;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Sites;

public sealed class CohortsModel(ISender sender) : AppPageModel(sender)
{
    public ListCohorts.Result List { get; private set; } = null!;

    [BindProperty]
    public CohortInput Input { get; set; } = new();

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(Guid siteId)
    {
        List = await Sender.Send(new ListCohorts.Query(PersonId, siteId));
        Input = new CohortInput { Capacity = 16, DeliveryMode = Domain.DeliveryMode.InPerson };
    }

    public async Task<IActionResult> OnPostAsync(Guid siteId)
    {
        try
        {
            var id = await Sender.Send(new SaveCohort.Command(PersonId, siteId, null, Input.Name, Input.CourseId, Input.StartsOn, Input.Schedule,
                Input.DeliveryMode, Input.Capacity, Input.FacilitatorId));
            Done = "The cohort is created. Now invite its trainees.";
            return Redirect($"/sites/{siteId}/cohorts/{id}");
        }
        catch (ValidationException e)
        {
            ModelState.Clear();
            ModelState.AddValidationErrors(e);
            List = await Sender.Send(new ListCohorts.Query(PersonId, siteId));
            return Page();
        }
    }
}
