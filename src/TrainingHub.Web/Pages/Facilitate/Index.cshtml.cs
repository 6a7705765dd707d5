using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Sessions;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Facilitate;

[FormPrefix(nameof(Input))]
public sealed class FacilitateModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<MyCohorts.Item> Cohorts { get; private set; } = [];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Scheduled { get; set; }

    public sealed class InputModel
    {
        public Guid CohortId { get; set; }
        public string? LessonId { get; set; }
        public DateOnly? Date { get; set; }
        public TimeOnly? StartTime { get; set; }
        public string? Place { get; set; }
        public string? VideoLink { get; set; }
    }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await Sender.Send(new ScheduleSession.Command(PersonId, Input.CohortId, Input.LessonId ?? "", Input.Date, Input.StartTime, Input.Place, Input.VideoLink));
        return RedirectToPage(new { Scheduled = true });
    }

    protected internal override async Task LoadAsync() => Cohorts = await Sender.Send(new MyCohorts.Query(PersonId));
}
