using Mediator;
using TrainingHub.Features.Enrollments;

namespace TrainingHub.Web.Pages.Dashboard;

public sealed class DashboardModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<MyCourses.Item> Courses { get; private set; } = [];

    public async Task OnGetAsync() => Courses = await Sender.Send(new MyCourses.Query(PersonId));
}
