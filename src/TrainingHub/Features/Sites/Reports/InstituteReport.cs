using System.Globalization;
using System.Text;
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

    public sealed record Result(IReadOnlyList<SiteRow> Sites, ReportNumbers.Numbers Total);

    public sealed class Handler(TrainingHubDb db, ReportNumbers numbers) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.State, s.Status }).ToListAsync(ct);
            var data = await numbers.LoadAsync(sites.Select(s => s.Id).ToList(), ct);
            return new Result(
                sites.Select(s => new SiteRow(s.Id, s.Name, s.State, s.Status, numbers.For(data, data.TraineesOf(s.Id), s.Id))).ToList(),
                numbers.For(data, data.AllTrainees));
        }
    }

    /// <summary>One line per site and a line of totals. Cells a spreadsheet would run as a formula are written as text.</summary>
    public static string ToCsv(Result report)
    {
        var sb = new StringBuilder("Site,State,Status,Trainees,Enrolled,Active,Completed,Withdrawn,Hours credited,Hours waiting for sign-off,Pending sign-offs\r\n");
        void Line(string site, string state, string status, ReportNumbers.Numbers n) => sb.AppendJoin(',', new[]
        {
            site, state, status,
            n.Trainees.ToString(CultureInfo.InvariantCulture), n.Enrolled.ToString(CultureInfo.InvariantCulture),
            n.Active.ToString(CultureInfo.InvariantCulture), n.Completed.ToString(CultureInfo.InvariantCulture),
            n.Withdrawn.ToString(CultureInfo.InvariantCulture), n.HoursCredited.ToString("0.##", CultureInfo.InvariantCulture),
            n.HoursPending.ToString("0.##", CultureInfo.InvariantCulture), n.PendingSignOffs.ToString(CultureInfo.InvariantCulture),
        }.Select(Csv.Cell)).Append("\r\n");
        foreach (var s in report.Sites) Line(s.Name, s.State, StatusName(s.Status), s.Numbers);
        Line("All sites", "", "", report.Total);
        return sb.ToString();
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
