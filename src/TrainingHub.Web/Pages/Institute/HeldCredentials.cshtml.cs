using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Mediator;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.Held;

namespace TrainingHub.Web.Pages.Institute;

/// <summary>Institute admins check the credentials people say they hold against the board's letter, as they check outside certificates.</summary>
public sealed class HeldCredentialsModel(ISender sender, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    public HeldCredentialReviewQueue.Result Queue { get; private set; } = null!;

    [BindProperty]
    public Guid? DecidingId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Done { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        await Sender.Send(new VerifyHeldCredential.Command(PersonId, DecidingId ?? Guid.Empty, OutsideCertificateDecision.Verified, null));
        Done = L["Verified. The person's renewal and next step now follow this credential."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRefuseAsync()
    {
        await Sender.Send(new VerifyHeldCredential.Command(PersonId, DecidingId ?? Guid.Empty, OutsideCertificateDecision.Refused, Reason));
        Done = L["The person will see that the credential was not accepted, and why."];
        return RedirectToPage();
    }

    protected internal override async Task LoadAsync() => Queue = await Sender.Send(new HeldCredentialReviewQueue.Query(PersonId));
}
