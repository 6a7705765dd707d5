using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Institute;

public sealed class OutsideCertificateModel(ISender sender, CourseCatalog catalog, CredentialRuleBook rules) : AppPageModel(sender)
{
    public GetOutsideCertificate.Result Certificate { get; private set; } = null!;

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

    public async Task OnGetAsync(Guid id)
    {
        Certificate = await Sender.Send(new GetOutsideCertificate.Query(PersonId, id));
        Verify = new VerifyInput { ProviderName = Certificate.ProviderName, CompletedOn = Certificate.CompletedOn };
    }

    public async Task<IActionResult> OnPostVerifyAsync(Guid id)
    {
        try
        {
            await Sender.Send(new VerifyOutsideCertificate.Command(PersonId, id, OutsideCertificateDecision.Verified, Hours,
                Verify.ProviderName, Verify.ProviderBoard, Verify.ProviderNumber, Verify.CompletedOn, Verify.Delivery, null));
            Done = "Verified. The hours count toward the trainee's credentials now.";
            return RedirectToPage(new { id });
        }
        catch (ValidationException e)
        {
            return await Invalid(id, new ValidationException(e.Errors.Select(f => new FluentValidation.Results.ValidationFailure(
                f.PropertyName == nameof(VerifyOutsideCertificate.Command.HoursByDomain) ? "HoursByDomain" : $"Verify.{f.PropertyName}", f.ErrorMessage))));
        }
    }

    public async Task<IActionResult> OnPostRefuseAsync(Guid id)
    {
        try
        {
            await Sender.Send(new VerifyOutsideCertificate.Command(PersonId, id, OutsideCertificateDecision.Refused, new Dictionary<string, decimal?>(),
                null, null, null, null, null, Reason));
            Done = "The trainee will see that the certificate was not accepted, and why.";
            return RedirectToPage(new { id });
        }
        catch (ValidationException e)
        {
            return await Invalid(id, e);
        }
    }

    public async Task<IActionResult> OnGetFileAsync(Guid id)
    {
        var file = await Sender.Send(new OpenOutsideCertificateFile.Command(PersonId, id));
        return File(file.Content, file.ContentType, file.DownloadName);
    }

    private async Task<IActionResult> Invalid(Guid id, ValidationException e)
    {
        ModelState.Clear();
        ModelState.AddValidationErrors(e, prefix: "");
        Certificate = await Sender.Send(new GetOutsideCertificate.Query(PersonId, id));
        return Page();
    }
}
