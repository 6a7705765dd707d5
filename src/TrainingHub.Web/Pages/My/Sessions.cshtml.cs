using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Sessions;

namespace TrainingHub.Web.Pages.My;

public sealed class SessionsModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<SessionDetails> Upcoming { get; private set; } = [];

    public async Task OnGetAsync() => Upcoming = await Sender.Send(new MyUpcomingSessions.Query(PersonId));

    /// <summary>One session as a calendar file; someone not on its list gets 404.</summary>
    public async Task<IActionResult> OnGetIcsAsync(Guid id)
    {
        var text = await Sender.Send(new MySessionCalendar.Query(PersonId, id));
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(text), $"{SessionCalendar.ContentType}; charset=utf-8", "session.ics");
    }
}
