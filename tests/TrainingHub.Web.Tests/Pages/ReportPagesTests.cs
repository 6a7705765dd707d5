using System.Net;
using System.Text.RegularExpressions;
using TrainingHub.Data;
using TrainingHub.Features.Shared;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed partial class ReportPagesTests(SiteFactory site)
{
    [Fact]
    public async Task The_site_dashboard_draws_its_charts_as_svg_with_a_text_alternative_and_the_numbers_in_tables()
    {
        var client = await site.SignedIn(DemoAccounts.Supervisor);
        var response = await client.GetAsync($"/sites/{DemoData.SiteA}/report");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Report for Harbor Light Recovery Center</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Recovery Coach Training: trainees who reached each module", html, StringComparison.Ordinal);
        foreach (Match svg in SvgChart().Matches(html))
        {
            var id = svg.Groups[1].Value;
            Assert.Contains($"<title id=\"{id}-title\">", html, StringComparison.Ordinal);
            Assert.Matches($"<desc id=\"{id}-desc\">[^<]+</desc>", html);
        }
        Assert.Contains(SvgChart().Matches(html), m => m.Groups[1].Value.StartsWith("funnel-", StringComparison.Ordinal));
        // Hours by domain: a chart once the site has credited hours (other tests may have credited some), else one sentence
        // instead of an empty picture. Exactly one of the two.
        var chart = Regex.IsMatch(html, SvgChart().ToString().Replace("([a-z0-9-]+)", "hours-by-domain", StringComparison.Ordinal));
        var sentence = html.Contains("Hours credited by domain: No data yet.", StringComparison.Ordinal);
        Assert.True(chart ^ sentence, $"hours by domain: chart {chart}, no-data sentence {sentence}");
        Assert.Contains("<caption>Recovery Coach Training: trainees by module</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Hours by credential domain</caption>", html, StringComparison.Ordinal);
        Assert.Contains("waiting for a supervisor's sign-off", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html[html.IndexOf("<main", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_institute_downloads_a_courses_completers_as_csv_and_as_a_ce_broker_workbook_and_bad_requests_get_a_reason()
    {
        var admin = await site.SignedIn(DemoAccounts.Admin);
        var csv = await admin.GetAsync("/institute/reports?handler=CompletersCsv&course=mat");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("completers-mat.csv", csv.Content.Headers.ContentDisposition!.FileName);
        Assert.StartsWith("Person,Email,Licence number,Credential,State,", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);

        var xlsx = await admin.GetAsync("/institute/reports?handler=CompletersXlsx&course=mat");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("ce-broker-roster-mat.xlsx", xlsx.Content.Headers.ContentDisposition!.FileName);
        using (var book = new ClosedXML.Excel.XLWorkbook(await xlsx.Content.ReadAsStreamAsync()))
        {
            Assert.Contains(book.Worksheets, w => w.Name == TrainingHub.Features.Certificates.Roster.CeBrokerWorkbook.UploadSheet);
        }

        var unknown = await admin.GetAsync("/institute/reports?handler=CompletersCsv&course=no-such-course");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("There is no course", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var none = await admin.GetAsync("/institute/reports?handler=CompletersXlsx");
        Assert.Contains("Choose a course.", WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.NotEqual("text/csv", none.Content.Headers.ContentType?.MediaType);

        // The roster spans every site: a site coordinator is refused.
        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        var refused = await coordinator.GetAsync("/institute/reports?handler=CompletersCsv&course=mat");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEqual("text/csv", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_site_dashboard_downloads_as_csv()
    {
        var client = await site.SignedIn(DemoAccounts.Coordinator);
        var response = await client.GetAsync($"/sites/{DemoData.SiteA}/report?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("site-report.csv", response.Content.Headers.ContentDisposition!.FileName);
        var csv = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        // The heading, then the period the figures cover and when they were made, then the figures.
        Assert.StartsWith("Site,Measure,Course,Module or domain,Value\r\nHarbor Light Recovery Center,Period from,,,", csv, StringComparison.Ordinal);
        Assert.Contains("\r\nHarbor Light Recovery Center,Generated at,,,", csv, StringComparison.Ordinal);
        Assert.Contains("\r\nHarbor Light Recovery Center,Trainees,,,", csv, StringComparison.Ordinal);
        Assert.Contains("Harbor Light Recovery Center,Reached module,Recovery Coach Training,1. ", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Riverside", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_institute_roll_up_lists_every_site_and_downloads_as_csv()
    {
        var admin = await site.SignedIn(DemoAccounts.Admin);
        var html = Decoded(await admin.GetStringAsync("/institute/reports"));
        Assert.Contains("<caption>Trainees, enrolments, completions and hours by site</caption>", html, StringComparison.Ordinal);
        Assert.Contains("Riverside Opioid Treatment Program", html, StringComparison.Ordinal);
        Assert.Contains("Northway Medication Treatment Center", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">All sites</th>", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-labelledby=\"hours-by-site-title hours-by-site-desc\"", html, StringComparison.Ordinal);

        var csv = await admin.GetAsync("/institute/reports?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("Site,State,Status,Trainees,Enrolled,Active,Completed,Withdrawn,Hours credited,Hours waiting for sign-off,Pending sign-offs,Period from,Generated at\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nHarbor Light Recovery Center,NY,Open,", text, StringComparison.Ordinal);
        Assert.Contains("\r\nAll sites,,,", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg [^>]*role=\"img\" aria-labelledby=\"([a-z0-9-]+)-title [a-z0-9-]+-desc\"")]
    private static partial Regex SvgChart();
}
