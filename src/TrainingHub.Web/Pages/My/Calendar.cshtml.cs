using Mediator;
using TrainingHub.Features.Sessions;

namespace TrainingHub.Web.Pages.My;

public sealed class CalendarModel(ISender sender) : AppPageModel(sender)
{
    /// <summary>When the current address was made; null when the person has none.</summary>
    public DateTime? MadeAt { get; private set; }

    /// <summary>The new address, shown only in the answer to the request that made it (only its hash is stored).</summary>
    public string? NewAddress { get; private set; }

    public async Task OnGetAsync() => MadeAt = await Sender.Send(new CalendarFeeds.Status(PersonId));

    public async Task OnPostAsync()
    {
        var token = await Sender.Send(new CalendarFeeds.Replace(PersonId));
        NewAddress = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/calendar/{token}.ics";
        MadeAt = await Sender.Send(new CalendarFeeds.Status(PersonId));
        Response.Headers.CacheControl = "no-store";
    }
}
