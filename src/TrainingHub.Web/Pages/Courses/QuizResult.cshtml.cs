using Mediator;
using TrainingHub.Features.Quizzes;

namespace TrainingHub.Web.Pages.Courses;

public sealed class QuizResultModel(ISender sender) : AppPageModel(sender)
{
    public GetQuizResult.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(Guid attemptId) => Result = await Sender.Send(new GetQuizResult.Query(PersonId, attemptId));
}
