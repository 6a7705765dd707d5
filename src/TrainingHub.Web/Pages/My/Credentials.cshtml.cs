using System.Text;
using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.Credentials.Packet;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Features.Credentials.Targets;
using TrainingHub.PdfLayout;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.My;

public sealed class MyCredentialsModel(ISender sender) : AppPageModel(sender)
{
    public MyCredentials.Result View { get; private set; } = null!;

    [BindProperty]
    public SignInput Sign { get; set; } = new();

    [BindProperty]
    public RecoveryInput Recovery { get; set; } = new();

    [TempData]
    public string? Done { get; set; }

    /// <summary>The credential whose code-of-ethics form was refused, so its errors show beside it.</summary>
    public string? SignFailedFor { get; private set; }

    public int? RecoveryFailedFor { get; private set; }

    public sealed class SignInput
    {
        public string? CredentialId { get; set; }
        public bool Confirmed { get; set; }
        public string? TypedName { get; set; }
    }

    public sealed class RecoveryInput
    {
        public int Years { get; set; }
        public bool? Answer { get; set; }
    }

    public Task OnGetAsync() => LoadAsync();

    /// <summary>The checkboxes are one list named Selected; a problem with any of the chosen ids belongs to it.</summary>
    [ErrorField(nameof(ChooseCredentials.Command.CredentialIds), "Selected")]
    public async Task<IActionResult> OnPostChooseAsync(string[]? selected)
    {
        var count = await Sender.Send(new ChooseCredentials.Command(PersonId, selected ?? []));
        Done = count == 0 ? Words("Saved. You have no credentials chosen.") : Words("Saved. The credentials you chose are listed below, each with where you stand.");
        return RedirectToPage();
    }

    [FormPrefix(nameof(Sign))]
    public async Task<IActionResult> OnPostSignAsync()
    {
        // Only read if the form is refused: its messages then show beside this credential.
        SignFailedFor = Sign.CredentialId;
        await Sender.Send(new SignCodeOfEthics.Command(PersonId, Sign.CredentialId ?? "", Sign.Confirmed, Sign.TypedName));
        Done = Words("Signed. Your signature is kept with the time you signed.");
        return RedirectToPage();
    }

    [FormPrefix(nameof(Recovery))]
    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        // Only read if the answer is refused: its messages then show beside this question.
        RecoveryFailedFor = Recovery.Years;
        await Sender.Send(new AnswerTimeInRecovery.Command(PersonId, Recovery.Years, Recovery.Answer));
        Done = Words("Your answer is saved.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetPacketAsync(string? credential, string? format)
    {
        if (format is not ("pdf" or "csv")) return NotFound();
        var packet = await Sender.Send(new BuildApplicationPacket.Command(PersonId, PersonId, credential ?? ""));
        return PacketFile(this, packet, credential!, format);
    }

    /// <summary>The packet as a download, for this page and the site staff's view of a trainee.</summary>
    public static FileContentResult PacketFile(Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, ApplicationPacketContent packet, string credentialId, string format) =>
        format == "pdf"
            ? page.File(ApplicationPacketPdf.Render(packet, TrainingHub.Localization.Words.Current), "application/pdf", BuildApplicationPacket.FileName(packet, credentialId, "pdf"))
            : page.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(BuildApplicationPacket.ToCsv(packet))).ToArray(), "text/csv",
                BuildApplicationPacket.FileName(packet, credentialId, "csv"));

    protected internal override async Task LoadAsync() => View = await Sender.Send(new MyCredentials.Query(PersonId, PersonId));
}
