using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.Certificates;

namespace TrainingHub.Web.Pages.My;

public sealed class MyCertificatesModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<MyCertificates.Item> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await Sender.Send(new MyCertificates.Query(PersonId));

    public Task<IActionResult> OnGetPdfAsync(Guid id) => Download(id, GetCertificateFile.Format.Pdf);

    public Task<IActionResult> OnGetBadgeAsync(Guid id) => Download(id, GetCertificateFile.Format.OpenBadge);

    private async Task<IActionResult> Download(Guid id, GetCertificateFile.Format format)
    {
        var file = await Sender.Send(new GetCertificateFile.Query(PersonId, id, format));
        return File(file.Content, file.ContentType, file.FileName);
    }
}
