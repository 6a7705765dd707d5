using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.LearningRecord;

namespace TrainingHub.Web.Pages.My;

public sealed class MyHoursModel(ISender sender) : AppPageModel(sender)
{
    public MyHours.Transcript Transcript { get; private set; } = null!;

    public async Task OnGetAsync() => Transcript = await Sender.Send(new MyHours.Query(PersonId));

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var transcript = await Sender.Send(new MyHours.Query(PersonId));
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(MyHours.ToCsv(transcript))).ToArray(), "text/csv", "my-hours.csv");
    }
}
