using Mediator;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.Sessions;

namespace TrainingHub.Web.Pages.Dashboard;

public sealed class DashboardModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<MyCourses.Item> Courses { get; private set; } = [];

    /// <summary>The trainee's next live session in any of their groups (empty when none is scheduled).</summary>
    public IReadOnlyList<SessionDetails> NextSession { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Courses = await Sender.Send(new MyCourses.Query(PersonId));
        if (Courses.Count > 0) NextSession = await Sender.Send(new MyUpcomingSessions.Query(PersonId, Take: 1));
    }
}
