using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Catalog;
using TrainingHub.Features.Enrollments;

namespace TrainingHub.Web.Pages.Courses;

public sealed class OverviewModel(ISender sender) : AppPageModel(sender)
{
    public GetCourseOverview.Result Overview { get; private set; } = null!;

    [FromRoute]
    public string CourseId { get; set; } = "";

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostEnrollAsync()
    {
        if (PersonIdOrNull is null) return Challenge();
        await Sender.Send(new Enroll.Command(PersonId, CourseId));
        return RedirectToPage(new { courseId = CourseId });
    }

    protected internal override async Task LoadAsync() =>
        Overview = await Sender.Send(new GetCourseOverview.Query(CourseId, PersonIdOrNull));
}
