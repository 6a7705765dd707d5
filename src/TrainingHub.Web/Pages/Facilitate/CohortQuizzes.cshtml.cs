using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Quizzes;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Facilitate;

[FormPrefix(nameof(Input))]
public sealed class CohortQuizzesModel(ISender sender) : AppPageModel(sender)
{
    public CohortQuizStandings.Result View { get; private set; } = null!;

    [FromRoute]
    public Guid CohortId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Done { get; set; }

    public sealed class InputModel
    {
        public string PersonId { get; set; } = "";
        public string ModuleId { get; set; } = "";
        public string? Reason { get; set; }
    }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (View.Trainees.All(t => t.PersonId != Input.PersonId))
        {
            return NotFound();
        }
        await Sender.Send(new ResetQuizAttempts.Command(PersonId, Input.PersonId, View.CourseId, Input.ModuleId, Input.Reason ?? ""));
        return RedirectToPage(new { cohortId = CohortId, Done = true });
    }

    protected internal override async Task LoadAsync() => View = await Sender.Send(new CohortQuizStandings.Query(PersonId, CohortId));
}
