using Microsoft.AspNetCore.Mvc;
using Mediator;
using Microsoft.Extensions.Localization;
using TrainingHub.Features.Sites.People;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Sites;

[FormPrefix(nameof(Input))]
public sealed class PeopleModel(ISender sender, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    public ListSitePeople.Result Site { get; private set; } = null!;

    [FromRoute]
    public Guid SiteId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Done { get; set; }

    public sealed class InputModel
    {
        public string? FullName { get; set; }
        public string? Email { get; set; }
        public string? Role { get; set; }
        public Guid? CohortId { get; set; }
        public string? Language { get; set; } = Features.Accounts.SiteLanguages.English;
    }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        var result = await Sender.Send(new InvitePerson.Command(PersonId, SiteId, Input.CohortId, Input.FullName, Input.Email?.Trim(), Input.Role, Input.Language));
        Done = InvitationDone(L, result);
        return RedirectToPage(new { siteId = SiteId });
    }

    public async Task<IActionResult> OnPostResendAsync(string? personId)
    {
        var result = await Sender.Send(new ResendInvitation.Command(PersonId, SiteId, personId ?? ""));
        Done = ResendDone(L, result);
        return RedirectToPage(new { siteId = SiteId });
    }

    /// <summary>What the page says after "Send a new link", here and on the institute's site page.</summary>
    public static string ResendDone(IStringLocalizer L, ResendInvitation.Result result) => result.EmailSent
        ? L["A new link is on its way to {0}. Earlier links no longer work.", result.Email]
        : L["A new link was made, but the email to {0} could not be sent. Try again later.", result.Email];

    /// <summary>The same words whether or not the person already has an account, so the page does not tell a site who has one.</summary>
    public static string InvitationDone(IStringLocalizer L, InvitePerson.Result result) => result.EmailSent
        ? L["An invitation is on its way to {0}.", result.Email]
        : L["The invitation to {0} is saved, but the email could not be sent. Use \"Send a new link\" later.", result.Email];

    protected internal override async Task LoadAsync() => Site = await Sender.Send(new ListSitePeople.Query(PersonId, SiteId));
}
