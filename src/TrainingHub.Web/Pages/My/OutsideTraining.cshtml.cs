using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Features.Credentials.OutsideCertificates;
using TrainingHub.Infrastructure;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.My;

// Larger than any allowed certificate, so an oversized file reaches the handler and is refused in words, not by the server.
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[OutsideCertificateTooLarge]
[FormPrefix(nameof(Input))]
[ErrorField(nameof(UploadOutsideCertificate.Command.Content), "Input.File")]
[ErrorField(nameof(UploadOutsideCertificate.Command.FileSize), "Input.File")]
public sealed class OutsideTrainingModel(ISender sender, IOptions<CredentialOptions> options) : AppPageModel(sender)
{
    private const long MaxRequestBytes = 100L * 1024 * 1024;

    public IReadOnlyList<MyOutsideCertificates.Item> Certificates { get; private set; } = [];

    public int MaxMegabytes => options.Value.OutsideCertificateMaxMegabytes;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Uploaded { get; set; }

    public sealed class InputModel
    {
        public string? ProviderName { get; set; }
        public string? CourseTitle { get; set; }
        public DateOnly? CompletedOn { get; set; }
        public decimal? Hours { get; set; }
        public IFormFile? File { get; set; }
    }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var content = await UploadReading.ReadUpToAsync(Input.File, UploadOutsideCertificate.MaxBytes(options.Value) + 1, ct);
        await Sender.Send(new UploadOutsideCertificate.Command(PersonId, Input.ProviderName, Input.CourseTitle, Input.CompletedOn, Input.Hours,
            Input.File?.FileName, content, Input.File?.Length ?? 0), ct);
        return RedirectToPage(new { Uploaded = true });
    }

    protected internal override async Task LoadAsync() => Certificates = await Sender.Send(new MyOutsideCertificates.Query(PersonId));

    public async Task<IActionResult> OnGetFileAsync(Guid id)
    {
        var file = await Sender.Send(new OpenOutsideCertificateFile.Command(PersonId, id));
        return this.UploadedFile(file.Content, file.ContentType, file.DownloadName);
    }
}

internal sealed class OutsideCertificateTooLargeAttribute : TooLargeMessageAttribute
{
    public override string For(IServiceProvider services) =>
        UploadOutsideCertificate.TooLarge("The file is too large", services.GetRequiredService<IOptions<CredentialOptions>>().Value.OutsideCertificateMaxMegabytes);
}
