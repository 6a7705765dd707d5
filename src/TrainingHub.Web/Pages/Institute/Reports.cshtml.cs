using System.Text;
using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.Sites.Reports;

namespace TrainingHub.Web.Pages.Institute;

public sealed class InstituteReportsModel(ISender sender) : AppPageModel(sender)
{
    public InstituteReport.Result Report { get; private set; } = null!;

    public async Task OnGetAsync() => Report = await Sender.Send(new InstituteReport.Query(PersonId));

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var report = await Sender.Send(new InstituteReport.Query(PersonId));
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(InstituteReport.ToCsv(report))).ToArray(), "text/csv", "sites-report.csv");
    }
}
