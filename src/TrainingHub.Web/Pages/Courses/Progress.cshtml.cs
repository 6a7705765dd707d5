using Mediator;
using TrainingHub.Features.LearningRecord;

namespace TrainingHub.Web.Pages.Courses;

public sealed class ProgressModel(ISender sender) : AppPageModel(sender)
{
    public GetCourseProgress.Result Progress { get; private set; } = null!;

    public async Task OnGetAsync(string courseId) => Progress = await Sender.Send(new GetCourseProgress.Query(PersonId, courseId));
}
