using Mediator;
using TrainingHub.Features.Sites;

namespace TrainingHub.Web.Pages.Sites;

public sealed class PeopleModel(ISender sender) : AppPageModel(sender)
{
    public ListSitePeople.Result Site { get; private set; } = null!;

    public async Task OnGetAsync(Guid siteId) => Site = await Sender.Send(new ListSitePeople.Query(PersonId, siteId));
}
