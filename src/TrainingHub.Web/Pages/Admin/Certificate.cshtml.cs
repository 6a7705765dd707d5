using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Features.Certificates;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Admin;

/// <summary>One certificate: revoke it (a reason and a tick to confirm) or reissue it with a new code.</summary>
/// <remarks>A refusal about the certificate itself (already revoked or replaced) is listed in the summary, not beside a field.</remarks>
[ErrorField(nameof(RevokeCertificate.Command.CertificateId), "")]
public sealed class AdminCertificateModel(ISender sender, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    [FromRoute]
    public Guid Id { get; set; }

    public ListCertificates.Item Certificate { get; private set; } = null!;

    [BindProperty]
    public RevokeInput Revoke { get; set; } = new();

    [BindProperty]
    public ReissueInput Reissue { get; set; } = new();

    [TempData]
    public string? Done { get; set; }

    public Task OnGetAsync() => LoadAsync();

    [FormPrefix("Revoke")]
    public async Task<IActionResult> OnPostRevokeAsync()
    {
        await Sender.Send(new RevokeCertificate.Command(PersonId, Id, Revoke.Reason ?? "", Revoke.Confirmed));
        Done = L["The certificate is revoked. The trainee is e-mailed the reason."];
        return Redirect("/admin/certificates");
    }

    [FormPrefix("Reissue")]
    public async Task<IActionResult> OnPostReissueAsync()
    {
        await Sender.Send(new ReissueCertificate.Command(PersonId, Id, Reissue.Reason ?? ""));
        Done = L["A new certificate is issued and e-mailed to the trainee."];
        return Redirect("/admin/certificates");
    }

    protected internal override async Task LoadAsync() => Certificate = (await Sender.Send(new ListCertificates.Query(PersonId, Id))).Single();

    public static string StateText(IStringLocalizer L, ListCertificates.Item c) => c.State switch
    {
        CertificateState.Revoked => c.ReplacedByCode is null ? L["Revoked"] : L["Revoked, then reissued as {0}", c.ReplacedByCode],
        CertificateState.Superseded => L["Replaced by {0}", c.ReplacedByCode ?? ""],
        _ => L["Valid"],
    };

    public sealed class RevokeInput
    {
        public string? Reason { get; set; }
        public bool Confirmed { get; set; }
    }

    public sealed class ReissueInput
    {
        public string? Reason { get; set; }
    }
}
