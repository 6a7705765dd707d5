using Mediator;
using TrainingHub.Features.Catalog;

namespace TrainingHub.Web.Pages.Courses;

public sealed class LessonModel(ISender sender) : AppPageModel(sender)
{
    public GetLesson.Result View { get; private set; } = null!;

    public async Task OnGetAsync(string courseId, string lessonId) =>
        View = await Sender.Send(new GetLesson.Query(courseId, lessonId, PersonId));
}
