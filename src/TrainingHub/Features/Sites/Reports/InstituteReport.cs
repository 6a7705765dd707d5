using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Sites.Reports;

/// <summary>For the institute: every site's numbers side by side, and the totals across sites (each trainee counted once).</summary>
public static class InstituteReport
{
    public sealed record Query(string ActorId) : IQuery<Result>, IInstituteAdminOnly;

    public sealed record SiteRow(Guid SiteId, string Name, string State, SiteStatus Status, ReportNumbers.Numbers Numbers);

    public sealed record Result(IReadOnlyList<SiteRow> Sites, ReportNumbers.Numbers Total, ReportNumbers.Period Period);

    public sealed class Handler(TrainingHubDb db, ReportNumbers numbers, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.State, s.Status }).ToListAsync(ct);
            var data = await numbers.LoadAsync(sites.Select(s => s.Id).ToList(), ct);
            return new Result(
                sites.Select(s => new SiteRow(s.Id, s.Name, s.State, s.Status, numbers.For(data, data.TraineesOf(s.Id), s.Id))).ToList(),
                numbers.For(data, data.AllTrainees), new ReportNumbers.Period(data.FirstEnrolledAt, clock.GetUtcNow().UtcDateTime));
        }
    }

    /// <summary>The CSV's column headings, in English; a page passes them through its localizer.</summary>
    public static readonly IReadOnlyList<string> CsvHeadings =
        ["Site", "State", "Status", "Trainees", "Enrolled", "Active", "Completed", "Withdrawn", "Hours credited", "Hours waiting for sign-off", "Pending sign-offs", "Period from", "Generated at"];

    /// <summary>
    /// One line per site and a line of totals, each with the period the report covers and when it was made. Cells a
    /// spreadsheet would run as a formula are written as text.
    /// </summary>
    public static string ToCsv(Result report, Func<string, string>? words = null)
    {
        var w = words ?? (s => s);
        return Csv.Write(table =>
        {
            void Line(string site, string state, string status, ReportNumbers.Numbers n) => table.Row(
                site, state, status,
                n.Trainees.ToString(CultureInfo.InvariantCulture), n.Enrolled.ToString(CultureInfo.InvariantCulture),
                n.Active.ToString(CultureInfo.InvariantCulture), n.Completed.ToString(CultureInfo.InvariantCulture),
                n.Withdrawn.ToString(CultureInfo.InvariantCulture), n.HoursCredited.ToString("0.##", CultureInfo.InvariantCulture),
                n.HoursPending.ToString("0.##", CultureInfo.InvariantCulture), n.PendingSignOffs.ToString(CultureInfo.InvariantCulture),
                report.Period.FromText, report.Period.GeneratedText);
            table.Row(CsvHeadings.Select(w));
            foreach (var s in report.Sites) Line(s.Name, s.State, w(StatusName(s.Status)), s.Numbers);
            Line(w("All sites"), "", "", report.Total);
        });
    }

    public static string StatusName(SiteStatus status) => status switch
    {
        SiteStatus.Invited => "Invited",
        SiteStatus.Onboarding => "Setting up",
        SiteStatus.AwaitingReview => "Waiting for review",
        SiteStatus.Active => "Open",
        _ => "Paused",
    };
}
