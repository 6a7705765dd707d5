using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Features.Credentials.Held;
using TrainingHub.Features.Credentials.OutsideCertificates;
using TrainingHub.Infrastructure;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.My;

// Larger than any allowed letter, so an oversized file reaches the handler and is refused in words, not by the server.
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[OutsideCertificateTooLarge]
[FormPrefix(nameof(Input))]
[ErrorField(nameof(RecordHeldCredential.Command.Content), "Input.File")]
[ErrorField(nameof(RecordHeldCredential.Command.FileSize), "Input.File")]
public sealed class HeldCredentialsModel(ISender sender, CredentialRuleBook rules, IOptions<CredentialOptions> options) : AppPageModel(sender)
{
    private const long MaxRequestBytes = 100L * 1024 * 1024;

    public IReadOnlyList<(string Id, string Name, string BoardName)> Choices { get; } =
        rules.All.OrderBy(s => s.BoardName, StringComparer.CurrentCulture).ThenBy(s => s.Name, StringComparer.CurrentCulture).Select(s => (s.Id, s.Name, s.BoardName)).ToList();

    public int MaxMegabytes => options.Value.OutsideCertificateMaxMegabytes;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Recorded { get; set; }

    public sealed class InputModel
    {
        public string? CredentialId { get; set; }
        public string? Number { get; set; }
        public DateOnly? AwardedOn { get; set; }
        public DateOnly? ExpiresOn { get; set; }
        public IFormFile? File { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var content = await UploadReading.ReadUpToAsync(Input.File, UploadOutsideCertificate.MaxBytes(options.Value) + 1, ct);
        await Sender.Send(new RecordHeldCredential.Command(PersonId, Input.CredentialId, Input.Number, Input.AwardedOn, Input.ExpiresOn,
            Input.File?.FileName, content, Input.File?.Length ?? 0), ct);
        return Redirect("/my/credentials?recorded=1#held-heading");
    }

    /// <summary>The board's letter, for its holder, an institute admin or the holder's site staff.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id)
    {
        var file = await Sender.Send(new OpenHeldCredentialFile.Command(PersonId, id));
        return this.UploadedFile(file.Content, file.ContentType, file.DownloadName);
    }

    /// <summary>The renewal packet of a verified held credential, for its holder or the holder's site staff (with the site).</summary>
    public async Task<IActionResult> OnGetPacketAsync(Guid id, string? format, Guid? siteId)
    {
        if (format is not ("pdf" or "csv")) return NotFound();
        var packet = await Sender.Send(new BuildRenewalPacket.Command(PersonId, id, siteId));
        return MyCredentialsModel.PacketFile(this, packet, "renewal", format);
    }
}
