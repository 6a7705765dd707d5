using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Domain;
using TrainingHub.Features.SignOffs;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Supervise;

[FormPrefix("Input")]
public sealed class SuperviseModel(ISender sender, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    public SignOffQueue.Result Queue { get; private set; } = null!;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public List<string> Selected { get; set; } = [];

    [TempData]
    public string? Done { get; set; }

    public sealed class InputModel
    {
        public bool AttestationConfirmed { get; set; }
        public string? TypedName { get; set; }
        public string? Password { get; set; }
        public string? Reason { get; set; }
    }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostApproveAsync() => Decide(SignOffDecision.Approved);

    public Task<IActionResult> OnPostRejectAsync() => Decide(SignOffDecision.Rejected);

    private async Task<IActionResult> Decide(SignOffDecision decision)
    {
        var items = Selected.Select(Parse).OfType<DecideSignOff.ItemRef>().ToList();
        await Sender.Send(new DecideSignOff.Command(PersonId, decision, items, Input.TypedName, Input.Password, Input.AttestationConfirmed,
            decision == SignOffDecision.Rejected ? Input.Reason : null));
        // The outbox row is already saved; this only makes the email go out now rather than at the next minute.
        Done = decision == SignOffDecision.Approved
            ? L["{0, plural, one {Signed off # item. The trainee will get an email.} other {Signed off # items. The trainees will get an email.}}"].Plural(items.Count)
            : L["{0, plural, one {# item not signed off. The trainee will get your reason by email.} other {# items not signed off. The trainees will get your reason by email.}}"].Plural(items.Count);
        return RedirectToPage();
    }

    protected internal override async Task LoadAsync() => Queue = await Sender.Send(new SignOffQueue.Query(PersonId));

    private static DecideSignOff.ItemRef? Parse(string value)
    {
        var parts = value.Split(':');
        return parts.Length == 2 && Enum.TryParse<SignOffSubject>(parts[0], out var subject) && Guid.TryParse(parts[1], out var id)
            ? new DecideSignOff.ItemRef(subject, id) : null;
    }
}
