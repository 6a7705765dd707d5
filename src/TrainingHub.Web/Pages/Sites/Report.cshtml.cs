using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.Sites.Reports;

namespace TrainingHub.Web.Pages.Sites;

public sealed class SiteReportModel(ISender sender) : AppPageModel(sender)
{
    public SiteReport.Result Report { get; private set; } = null!;

    public async Task OnGetAsync(Guid siteId) => Report = await Sender.Send(new SiteReport.Query(PersonId, siteId));

    public async Task<IActionResult> OnGetCsvAsync(Guid siteId)
    {
        var report = await Sender.Send(new SiteReport.Query(PersonId, siteId));
        return CsvDownload(SiteReport.ToCsv(report, Words), "site-report.csv");
    }
}
