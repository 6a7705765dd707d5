using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Catalog;
using TrainingHub.Features.Enrollments;

namespace TrainingHub.Web.Pages.Courses;

public sealed class OverviewModel(ISender sender) : AppPageModel(sender)
{
    public GetCourseOverview.Result Overview { get; private set; } = null!;

    /// <summary>The signed-in trainee's place in this course (where to continue, whether they need a group); null when not enrolled.</summary>
    public MyCourses.Item? Mine { get; private set; }

    [FromRoute]
    public string CourseId { get; set; } = "";

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostEnrollAsync()
    {
        if (PersonIdOrNull is null) return Challenge();
        await Sender.Send(new Enroll.Command(PersonId, CourseId));
        return RedirectToPage(new { courseId = CourseId });
    }

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnPostAskToJoinAsync()
    {
        if (PersonIdOrNull is null) return Challenge();
        await Sender.Send(new AskToJoinGroup.Command(PersonId, CourseId, Note));
        return Redirect($"/courses/{Uri.EscapeDataString(CourseId)}#group");
    }

    protected internal override async Task LoadAsync()
    {
        Overview = await Sender.Send(new GetCourseOverview.Query(CourseId, PersonIdOrNull));
        if (Overview.Enrolled) Mine = (await Sender.Send(new MyCourses.Query(PersonId, Overview.Course.Id))).FirstOrDefault();
    }
}
