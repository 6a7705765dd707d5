using System.Globalization;

namespace TrainingHub.Features.Shared;

/// <summary>Cells for every CSV the site writes (transcripts, reports, application packets).</summary>
public static class Csv
{
    /// <summary>
    /// One cell: quoted when it holds a comma, quote or line break, and led by an apostrophe when a spreadsheet would run
    /// it as a formula (a number such as -1.5 is left alone).
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
