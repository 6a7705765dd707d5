using Mediator;
using TrainingHub.Features.Credentials.Targets;

namespace TrainingHub.Web.Pages.Sites;

public sealed class SiteCredentialsModel(ISender sender) : AppPageModel(sender)
{
    public SiteCredentials.Result Site { get; private set; } = null!;

    public async Task OnGetAsync(Guid siteId) => Site = await Sender.Send(new SiteCredentials.Query(PersonId, siteId));
}
