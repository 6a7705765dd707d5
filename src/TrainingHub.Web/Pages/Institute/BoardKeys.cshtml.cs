using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.Certificates.Verification;

namespace TrainingHub.Web.Pages.Institute;

/// <summary>Institute admins issue a key per board for batch verification, and revoke it (both audited).</summary>
public sealed class BoardKeysModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<BoardVerificationKeys.KeyRow> Keys { get; private set; } = [];

    /// <summary>The key just issued, shown once on this answer and never again.</summary>
    public BoardVerificationKeys.IssuedKey? Issued { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Revoked { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostIssueAsync()
    {
        Issued = await Sender.Send(new BoardVerificationKeys.Issue(PersonId, Name ?? ""));
        Name = null;
        await LoadAsync();
        // Not a redirect: the key is shown on this answer only. Nothing caches it.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId)
    {
        await Sender.Send(new BoardVerificationKeys.Revoke(PersonId, keyId));
        return RedirectToPage(new { Revoked = true });
    }

    protected internal override async Task LoadAsync() => Keys = await Sender.Send(new BoardVerificationKeys.List(PersonId));
}
