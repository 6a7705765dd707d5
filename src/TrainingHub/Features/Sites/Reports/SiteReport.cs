using System.Globalization;
using Mediator;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.Reports;

/// <summary>A site's dashboard: enrolments, where trainees stop in each course, hours delivered by domain and sign-offs waiting.</summary>
public static class SiteReport
{
    public sealed record Query(string ActorId, Guid SiteId) : IQuery<Result>;

    public sealed record Result(Guid SiteId, string SiteName, string State, SiteStatus Status, ReportNumbers.Numbers Numbers, ReportNumbers.Period Period);

    public sealed class Handler(SiteScope scope, ReportNumbers numbers, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(query.ActorId, query.SiteId, SiteScope.StaffRoles, ct);
            var data = await numbers.LoadAsync([site.Id], ct);
            return new Result(site.Id, site.Name, site.State, site.Status, numbers.For(data, data.TraineesOf(site.Id), site.Id),
                new ReportNumbers.Period(data.FirstEnrolledAt, clock.GetUtcNow().UtcDateTime));
        }
    }

    /// <summary>The CSV's column headings and measure names, in English; a page passes them through its localizer.</summary>
    public static readonly IReadOnlyList<string> CsvHeadings = ["Site", "Measure", "Course", "Module or domain", "Value"];

    /// <summary>
    /// The dashboard as CSV, one measure a line, led by the period it covers and when it was made. Cells a spreadsheet
    /// would run as a formula are written as text.
    /// </summary>
    public static string ToCsv(Result report, Func<string, string>? words = null)
    {
        var w = words ?? (s => s);
        var n = report.Numbers;
        static string Count(int v) => v.ToString(CultureInfo.InvariantCulture);
        static string Hours(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        return Csv.Write(table =>
        {
            void Line(string measure, string course, string item, string value) => table.Row(report.SiteName, w(measure), course, item, value);
            table.Row(CsvHeadings.Select(w));
            Line("Period from", "", "", report.Period.FromText);
            Line("Generated at", "", "", report.Period.GeneratedText);
            Line("Trainees", "", "", Count(n.Trainees));
            Line("Enrolled", "", "", Count(n.Enrolled));
            Line("Active", "", "", Count(n.Active));
            Line("Completed", "", "", Count(n.Completed));
            Line("Withdrawn", "", "", Count(n.Withdrawn));
            foreach (var course in n.DropOff)
            {
                Line("Not started", course.CourseTitle, "", Count(course.Funnel.NotStarted));
                foreach (var step in course.Funnel.Steps)
                {
                    var module = $"{step.Module + 1}. {course.ModuleTitles[step.Module]}";
                    Line("Reached module", course.CourseTitle, module, Count(step.Reached));
                    Line("Stopped at module", course.CourseTitle, module, Count(step.StoppedHere));
                }
            }
            foreach (var d in n.HoursByDomain)
            {
                Line("Hours credited", "", d.Name, Hours(d.Credited));
                Line("Hours waiting for sign-off", "", d.Name, Hours(d.Pending));
            }
            Line("Hours credited (total)", "", "", Hours(n.HoursCredited));
            Line("Pending sign-offs", "", "", Count(n.PendingSignOffs));
        });
    }
}
