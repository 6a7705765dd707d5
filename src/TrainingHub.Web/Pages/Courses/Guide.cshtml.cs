using Mediator;
using TrainingHub.Features.Catalog;

namespace TrainingHub.Web.Pages.Courses;

/// <summary>The print-friendly facilitator's guide of one live lesson. The query refuses anyone but a facilitator or institute admin (403).</summary>
public sealed class GuideModel(ISender sender) : AppPageModel(sender)
{
    public GetFacilitatorGuide.Result View { get; private set; } = null!;

    public async Task OnGetAsync(string courseId, string lessonId) =>
        View = await Sender.Send(new GetFacilitatorGuide.Query(PersonId, courseId, lessonId));
}
