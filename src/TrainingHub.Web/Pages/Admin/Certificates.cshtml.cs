using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Certificates;

namespace TrainingHub.Web.Pages.Admin;

public sealed class AdminCertificatesModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<ListCertificates.Item> Items { get; private set; } = [];

    /// <summary>What the certificate page just did, shown once on the list.</summary>
    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => Items = await Sender.Send(new ListCertificates.Query(PersonId));
}
