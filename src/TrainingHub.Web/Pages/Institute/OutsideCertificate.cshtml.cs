using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.OutsideCertificates;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Institute;

public sealed class OutsideCertificateModel(ISender sender, CourseCatalog catalog, CredentialRuleBook rules, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    public GetOutsideCertificate.Result Certificate { get; private set; } = null!;

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public Dictionary<string, decimal?> Hours { get; set; } = [];

    [BindProperty]
    public VerifyInput Verify { get; set; } = new();

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Done { get; set; }

    public sealed class VerifyInput
    {
        public string? ProviderName { get; set; }
        public string? ProviderBoard { get; set; }
        public string? ProviderNumber { get; set; }
        public DateOnly? CompletedOn { get; set; }
        public HoursDelivery? Delivery { get; set; }
    }

    public string DomainName(string key) => MyOutsideCertificates.DomainName(catalog, rules, key);

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Verify = new VerifyInput { ProviderName = Certificate.ProviderName, CompletedOn = Certificate.CompletedOn };
    }

    [FormPrefix(nameof(Verify))]
    [ErrorField(nameof(VerifyOutsideCertificate.Command.HoursByDomain), nameof(Hours))]
    public async Task<IActionResult> OnPostVerifyAsync()
    {
        await Sender.Send(new VerifyOutsideCertificate.Command(PersonId, Id, OutsideCertificateDecision.Verified, Hours,
            Verify.ProviderName, Verify.ProviderBoard, Verify.ProviderNumber, Verify.CompletedOn, Verify.Delivery, null));
        Done = L["Verified. The hours count toward the trainee's credentials now."];
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRefuseAsync()
    {
        await Sender.Send(new VerifyOutsideCertificate.Command(PersonId, Id, OutsideCertificateDecision.Refused, new Dictionary<string, decimal?>(),
            null, null, null, null, null, Reason));
        Done = L["The trainee will see that the certificate was not accepted, and why."];
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnGetFileAsync()
    {
        var file = await Sender.Send(new OpenOutsideCertificateFile.Command(PersonId, Id));
        return this.UploadedFile(file.Content, file.ContentType, file.DownloadName);
    }

    protected internal override async Task LoadAsync() => Certificate = await Sender.Send(new GetOutsideCertificate.Query(PersonId, Id));
}
