using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Quizzes;

namespace TrainingHub.Web.Pages.Courses;

public sealed class QuizModel(ISender sender) : AppPageModel(sender)
{
    public StartQuizAttempt.Result Quiz { get; private set; } = null!;

    [FromRoute]
    public string CourseId { get; set; } = "";

    [FromRoute]
    public string ModuleId { get; set; } = "";

    public Dictionary<string, int[]> Selected { get; private set; } = [];

    public string? ErrorFor(string questionId) =>
        ModelState.TryGetValue(questionId, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync(Guid attemptId)
    {
        Selected = ReadAnswers();
        var submitted = await Sender.Send(new SubmitQuizAttempt.Command(PersonId, attemptId, Selected));
        return Redirect($"/quiz-results/{submitted.AttemptId}");
    }

    /// <summary>Opens (or re-opens) the attempt; a module without a quiz is refused by validation, which makes this address a 404.</summary>
    protected internal override async Task LoadAsync() =>
        Quiz = await Sender.Send(new StartQuizAttempt.Command(PersonId, CourseId, ModuleId));

    /// <summary>Reads answers[questionId] fields: one value for a single choice, several for "choose all that apply".</summary>
    private Dictionary<string, int[]> ReadAnswers()
    {
        var answers = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (key, values) in Request.Form)
        {
            if (!key.StartsWith("answers[", StringComparison.Ordinal) || !key.EndsWith(']')) continue;
            var id = key["answers[".Length..^1];
            answers[id] = values.Select(v => int.TryParse(v, out var n) ? n : -1).ToArray();
        }
        return answers;
    }
}
