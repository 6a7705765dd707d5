using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Catalog;
using TrainingHub.Features.Enrollments;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Courses;

public sealed class OverviewModel(ISender sender) : AppPageModel(sender)
{
    public GetCourseOverview.Result Overview { get; private set; } = null!;

    public async Task OnGetAsync(string courseId) =>
        Overview = await Sender.Send(new GetCourseOverview.Query(courseId, PersonIdOrNull));

    public async Task<IActionResult> OnPostEnrollAsync(string courseId)
    {
        if (PersonIdOrNull is null) return Challenge();
        try
        {
            await Sender.Send(new Enroll.Command(PersonId, courseId));
            return RedirectToPage(new { courseId });
        }
        catch (ValidationException e)
        {
            ModelState.AddValidationErrors(e, prefix: "");
            Overview = await Sender.Send(new GetCourseOverview.Query(courseId, PersonIdOrNull));
            return Page();
        }
    }
}
