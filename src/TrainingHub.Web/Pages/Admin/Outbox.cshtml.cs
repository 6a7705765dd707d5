using Microsoft.Extensions.Localization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;

namespace TrainingHub.Web.Pages.Admin;

public sealed class AdminOutboxModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<ListGivenUpWork.Item> Items { get; private set; } = [];

    [BindProperty]
    public Guid MessageId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Retried { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await Sender.Send(new RetryGivenUpWork.Command(PersonId, MessageId));
        return RedirectToPage(new { Retried = true });
    }

    protected internal override async Task LoadAsync() => Items = await Sender.Send(new ListGivenUpWork.Query(PersonId));

    public static string Describe(IStringLocalizer L, OutboxKind kind) => kind switch
    {
        OutboxKind.SignOffDecisionEmail => L["E-mail telling a trainee about a sign-off decision"],
        OutboxKind.CertificateRequest => L["Issuing a certificate"],
        OutboxKind.CertificateEmail => L["E-mail with a certificate"],
        OutboxKind.CertificateRevokedEmail => L["E-mail telling a trainee their certificate was revoked"],
        OutboxKind.EligibilityNotice => L["E-mail saying someone can apply for a credential"],
        _ => kind.ToString(),
    };
}
