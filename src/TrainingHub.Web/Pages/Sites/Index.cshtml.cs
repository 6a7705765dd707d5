using Mediator;
using TrainingHub.Features.Sites;

namespace TrainingHub.Web.Pages.Sites;

public sealed class SitesModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<MyStaffSites.Site> Sites { get; private set; } = [];

    public async Task OnGetAsync() => Sites = await Sender.Send(new MyStaffSites.Query(PersonId));
}
