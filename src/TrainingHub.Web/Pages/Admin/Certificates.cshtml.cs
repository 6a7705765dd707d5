using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.Certificates;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Admin;

public sealed class AdminCertificatesModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<ListCertificates.Item> Items { get; private set; } = [];

    [BindProperty]
    public Guid CertificateId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Done { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        await Sender.Send(new RevokeCertificate.Command(PersonId, CertificateId, Reason ?? ""));
        Done = "The certificate is revoked.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReissueAsync()
    {
        await Sender.Send(new ReissueCertificate.Command(PersonId, CertificateId, Reason ?? ""));
        Done = "A corrected certificate is issued and emailed to the trainee.";
        return RedirectToPage();
    }

    protected internal override async Task LoadAsync() => Items = await Sender.Send(new ListCertificates.Query(PersonId));
}
