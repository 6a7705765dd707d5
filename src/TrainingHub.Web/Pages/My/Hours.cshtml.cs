using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.SignOffs;

namespace TrainingHub.Web.Pages.My;

public sealed class MyHoursModel(ISender sender) : AppPageModel(sender)
{
    public MyHours.Transcript Transcript { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Resubmitted { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostResubmitAsync(Guid entryId, string? note)
    {
        await Sender.Send(new TrainingHub.Features.SignOffs.ResubmitHours.Command(PersonId, entryId, note ?? ""));
        return RedirectToPage(new { Resubmitted = true });
    }

    protected internal override async Task LoadAsync() => Transcript = await Sender.Send(new MyHours.Query(PersonId));

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var transcript = await Sender.Send(new MyHours.Query(PersonId));
        return CsvDownload(MyHours.ToCsv(transcript, Words), "my-hours.csv");
    }
}
