using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.Credentials.Packet;
using TrainingHub.Features.Credentials.Targets;
using TrainingHub.Web.Pages.My;

namespace TrainingHub.Web.Pages.Sites;

public sealed class TraineeCredentialsModel(ISender sender) : AppPageModel(sender)
{
    public MyCredentials.Result View { get; private set; } = null!;

    public async Task OnGetAsync(Guid siteId, string personId) => View = await Sender.Send(new MyCredentials.Query(PersonId, personId, siteId));

    public async Task<IActionResult> OnGetPacketAsync(Guid siteId, string personId, string? credential, string? format)
    {
        if (format is not ("pdf" or "csv")) return NotFound();
        var packet = await Sender.Send(new BuildApplicationPacket.Command(PersonId, personId, credential ?? "", siteId));
        return MyCredentialsModel.PacketFile(this, packet, credential!, format);
    }
}
