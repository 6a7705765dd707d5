using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Quizzes;
using TrainingHub.Features.Sessions;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Facilitate;

public sealed class CohortQuizzesModel(ISender sender) : AppPageModel(sender)
{
    public CohortQuizStandings.Result View { get; private set; } = null!;

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

    public async Task OnGetAsync(Guid cohortId) => View = await Sender.Send(new CohortQuizStandings.Query(PersonId, cohortId));

    public async Task<IActionResult> OnPostAsync(Guid cohortId)
    {
        View = await Sender.Send(new CohortQuizStandings.Query(PersonId, cohortId));
        if (View.Trainees.All(t => t.PersonId != Input.PersonId))
        {
            return NotFound();
        }
        try
        {
            await Sender.Send(new ResetQuizAttempts.Command(PersonId, Input.PersonId, View.CourseId, Input.ModuleId, Input.Reason ?? ""));
            return RedirectToPage(new { cohortId, Done = true });
        }
        catch (ValidationException e)
        {
            ModelState.AddValidationErrors(e);
            return Page();
        }
    }
}
