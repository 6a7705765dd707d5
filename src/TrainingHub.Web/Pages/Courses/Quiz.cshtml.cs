using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Quizzes;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Courses;

public sealed class QuizModel(ISender sender) : AppPageModel(sender)
{
    public StartQuizAttempt.Result Quiz { get; private set; } = null!;
    public string CourseId { get; private set; } = "";
    public Dictionary<string, int[]> Selected { get; private set; } = [];

    public string? ErrorFor(string questionId) =>
        ModelState.TryGetValue(questionId, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task OnGetAsync(string courseId, string moduleId)
    {
        CourseId = courseId;
        Quiz = await Start(courseId, moduleId);
    }

    public async Task<IActionResult> OnPostAsync(string courseId, string moduleId, Guid attemptId)
    {
        CourseId = courseId;
        Selected = ReadAnswers();
        try
        {
            var submitted = await Sender.Send(new SubmitQuizAttempt.Command(PersonId, attemptId, Selected));
            return Redirect($"/quiz-results/{submitted.AttemptId}");
        }
        catch (ValidationException e)
        {
            ModelState.AddValidationErrors(e, prefix: "");
            Quiz = await Start(courseId, moduleId);
            return Page();
        }
    }

    private async Task<StartQuizAttempt.Result> Start(string courseId, string moduleId)
    {
        try
        {
            return await Sender.Send(new StartQuizAttempt.Command(PersonId, courseId, moduleId));
        }
        catch (ValidationException)
        {
            throw new TrainingHub.Features.NotFoundException("There is no quiz at this address.");
        }
    }

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
