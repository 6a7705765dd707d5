using ClosedXML.Excel;

namespace TrainingHub.Features.Certificates.Roster;

/// <summary>
/// A course's completers as the Excel roster CE Broker takes from education providers (its "Creating Excel Files
/// (Partial Course Credit)" instructions): on the first sheet, one row per licensee and subject area, columns A to J
/// with no heading row, A provider tracking number (without "50-"), B course tracking number (without "20-"), C the
/// provider's own course ID, D CE Broker's publishing number (left empty), E licence number, F completion date as an
/// Excel date, G "State=XX", H "Profession=CODE", I subject area code, J hours. A second sheet names each column in
/// CE Broker's words beside the institute's own. Every cell is text or a date, never a formula. docs/board-exports.md.
/// </summary>
public static class CeBrokerWorkbook
{
    public const string UploadSheet = "CE Broker upload";
    public const string ColumnsSheet = "Columns";

    /// <summary>Each column: its letter, CE Broker's own name for it (kept as CE Broker words it), and what TrainingHub writes there.</summary>
    public static readonly IReadOnlyList<(string Letter, string CeBrokerName, string Meaning)> Columns =
    [
        ("A", "Provider tracking number (without the 50-)", "The institute's CE Broker provider tracking number (configuration)."),
        ("B", "Course tracking number (without the 20-)", "This course's CE Broker course tracking number (configuration)."),
        ("C", "Course ID", "The institute's own course number."),
        ("D", "Publishing number", "Left empty: only for providers CE Broker gave a publishing number."),
        ("E", "License number", "The licence number the person recorded with their credential."),
        ("F", "Completion date", "The day the person completed the course."),
        ("G", "State", "The licensing state of the person's credential (configuration)."),
        ("H", "Profession", "CE Broker's profession code for the person's credential (configuration)."),
        ("I", "Subject area code", "CE Broker's subject area code for the training domain (configuration)."),
        ("J", "Hours", "The hours the person earned in that subject area."),
    ];

    /// <summary>
    /// Writes the workbook. ClosedXML builds a workbook in memory before saving it, so the lines are held here (about
    /// a hundred bytes each); the CSV export is the streaming one.
    /// </summary>
    public static async Task WriteAsync(CourseCompleters.Roster roster, Stream output, Func<string, string>? words = null, CancellationToken ct = default)
    {
        var w = words ?? (s => s);
        using var book = new XLWorkbook();
        var upload = book.Worksheets.Add(UploadSheet);
        var row = 1;
        await foreach (var l in roster.Lines.WithCancellation(ct))
        {
            Text(upload.Cell(row, 1), roster.ProviderTrackingNumber);
            Text(upload.Cell(row, 2), roster.CourseTrackingNumber);
            Text(upload.Cell(row, 3), roster.CourseNumber);
            Text(upload.Cell(row, 4), "");
            Text(upload.Cell(row, 5), l.LicenseNumber.Length > 0 ? l.LicenseNumber : CourseCompleters.Missing(w("no licence number recorded")));
            upload.Cell(row, 6).SetValue(l.CompletedOn.ToDateTime(TimeOnly.MinValue));
            upload.Cell(row, 6).Style.DateFormat.Format = "m/d/yyyy";
            Text(upload.Cell(row, 7), l.State.Length > 0 ? $"State={l.State}" : "");
            Text(upload.Cell(row, 8), l.ProfessionCode.Length > 0 ? $"Profession={l.ProfessionCode}" : "");
            Text(upload.Cell(row, 9), l.SubjectAreaCode);
            upload.Cell(row, 10).SetValue((double)l.DomainHours);
            row++;
        }

        var columns = book.Worksheets.Add(ColumnsSheet);
        Text(columns.Cell(1, 1), w("Column"));
        Text(columns.Cell(1, 2), w("CE Broker's name"));
        Text(columns.Cell(1, 3), w("What this file holds"));
        for (var i = 0; i < Columns.Count; i++)
        {
            Text(columns.Cell(i + 2, 1), Columns[i].Letter);
            Text(columns.Cell(i + 2, 2), Columns[i].CeBrokerName);
            Text(columns.Cell(i + 2, 3), w(Columns[i].Meaning));
        }
        Text(columns.Cell(Columns.Count + 3, 1), w("A value in square brackets must be set in the site's configuration (the key is named) before the file is uploaded."));
        Text(columns.Cell(Columns.Count + 4, 1), $"{roster.CourseTitle} ({roster.CourseVersion})");

        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    /// <summary>Text, never a formula: a name such as "=HYPERLINK(...)" is stored as the letters it is.</summary>
    private static void Text(IXLCell cell, string value)
    {
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
    }
}
