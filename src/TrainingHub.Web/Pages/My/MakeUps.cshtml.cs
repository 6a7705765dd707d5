using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Sessions;

namespace TrainingHub.Web.Pages.My;

public sealed class MyMakeUpsModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<MyMakeUps.Item> Requests { get; private set; } = [];

    [BindProperty]
    public Guid RequestId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Accepted { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await Sender.Send(new AcceptMakeUp.Command(PersonId, RequestId));
        return RedirectToPage(new { Accepted = true });
    }

    protected internal override async Task LoadAsync() => Requests = await Sender.Send(new MyMakeUps.Query(PersonId));
}
