using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.CertificateIssuance;
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

    public async Task OnGetAsync() => Items = await Sender.Send(new ListCertificates.Query(PersonId));

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        try
        {
            await Sender.Send(new RevokeCertificate.Command(PersonId, CertificateId, Reason ?? ""));
            Done = "The certificate is revoked.";
            return RedirectToPage();
        }
        catch (ValidationException e)
        {
            return await Invalid(e);
        }
    }

    public async Task<IActionResult> OnPostReissueAsync()
    {
        try
        {
            await Sender.Send(new ReissueCertificate.Command(PersonId, CertificateId, Reason ?? ""));
            Done = "A corrected certificate is issued and emailed to the trainee.";
            return RedirectToPage();
        }
        catch (ValidationException e)
        {
            return await Invalid(e);
        }
    }

    private async Task<IActionResult> Invalid(ValidationException e)
    {
        ModelState.AddValidationErrors(e, prefix: "");
        Items = await Sender.Send(new ListCertificates.Query(PersonId));
        return Page();
    }
}
