using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Features.Certificates.Roster;
using TrainingHub.Features.Sites.Reports;

namespace TrainingHub.Web.Pages.Institute;

public sealed class InstituteReportsModel(ISender sender, CourseCatalog catalog, TimeProvider clock) : AppPageModel(sender)
{
    public InstituteReport.Result Report { get; private set; } = null!;

    /// <summary>The courses whose completers can be exported.</summary>
    public IReadOnlyList<Course> Courses => catalog.Courses;

    public async Task OnGetAsync() => Report = await Sender.Send(new InstituteReport.Query(PersonId));

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var report = await Sender.Send(new InstituteReport.Query(PersonId));
        return CsvDownload(InstituteReport.ToCsv(report, Words), "sites-report.csv");
    }

    /// <summary>A course's completers as CSV, streamed as the certificates are read.</summary>
    public async Task<IActionResult> OnGetCompletersCsvAsync(string? course)
    {
        var roster = await Sender.Send(new CourseCompleters.Query(PersonId, course ?? ""));
        return await StreamDownload("text/csv", $"completers-{roster.CourseId}.csv",
            (body, ct) => CourseCompleters.WriteCsvAsync(roster, body, clock.GetUtcNow().UtcDateTime, Words, ct: ct));
    }

    /// <summary>A course's completers as CE Broker's Excel roster.</summary>
    public async Task<IActionResult> OnGetCompletersXlsxAsync(string? course)
    {
        var roster = await Sender.Send(new CourseCompleters.Query(PersonId, course ?? ""));
        return await StreamDownload("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"ce-broker-roster-{roster.CourseId}.xlsx",
            (body, ct) => CeBrokerWorkbook.WriteAsync(roster, body, Words, ct));
    }
}
