using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Features.Sites.Onboarding;
using TrainingHub.Infrastructure;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Institute;

[FormPrefix(nameof(Input))]
public sealed class InviteSiteModel(ISender sender, IOptions<InvitationOptions> invitations) : AppPageModel(sender)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int LinkDays => invitations.Value.LinkDays;

    public sealed class InputModel
    {
        public string? SiteName { get; set; }
        public string? State { get; set; }
        public string? CoordinatorName { get; set; }
        public string? CoordinatorEmail { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await Sender.Send(new InviteSite.Command(PersonId, Input.SiteName ?? "", Input.State ?? "", Input.CoordinatorName ?? "", Input.CoordinatorEmail?.Trim() ?? ""));
        return Redirect($"/institute/sites/{result.SiteId}?invited={(result.EmailSent ? "sent" : "not-sent")}");
    }
}
