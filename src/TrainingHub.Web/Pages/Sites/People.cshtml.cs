using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Sites;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Sites;

public sealed class PeopleModel(ISender sender) : AppPageModel(sender)
{
    public ListSitePeople.Result Site { get; private set; } = null!;

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
    }

    public async Task OnGetAsync(Guid siteId) => Site = await Sender.Send(new ListSitePeople.Query(PersonId, siteId));

    public async Task<IActionResult> OnPostInviteAsync(Guid siteId)
    {
        try
        {
            var result = await Sender.Send(new InvitePerson.Command(PersonId, siteId, Input.CohortId, Input.FullName, Input.Email?.Trim(), Input.Role));
            Done = InvitationDone(result);
            return RedirectToPage(new { siteId });
        }
        catch (ValidationException e)
        {
            return await Invalid(siteId, e);
        }
    }

    public async Task<IActionResult> OnPostResendAsync(Guid siteId, string? personId)
    {
        try
        {
            var result = await Sender.Send(new ResendInvitation.Command(PersonId, siteId, personId ?? ""));
            Done = ResendDone(result);
            return RedirectToPage(new { siteId });
        }
        catch (ValidationException e)
        {
            return await Invalid(siteId, e);
        }
    }

    /// <summary>What the page says after "Send a new link", here and on the institute's site page.</summary>
    public static string ResendDone(ResendInvitation.Result result) => result.EmailSent
        ? $"A new link is on its way to {result.Email}. Earlier links no longer work."
        : $"A new link was made, but the email to {result.Email} could not be sent. Try again later.";

    public static string InvitationDone(InvitePerson.Result result) => (result.Invited, result.EmailSent) switch
    {
        (_, false) => $"{result.Email} is added, but the email could not be sent. Use \"Send a new link\" later.",
        (true, _) => $"An invitation is on its way to {result.Email}.",
        _ => $"{result.Email} already has an account: they are added and told by email.",
    };

    private async Task<IActionResult> Invalid(Guid siteId, ValidationException e)
    {
        ModelState.Clear();
        ModelState.AddValidationErrors(e);
        Site = await Sender.Send(new ListSitePeople.Query(PersonId, siteId));
        return Page();
    }
}
