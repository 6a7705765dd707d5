using System.Globalization;
using System.Text;
using CsvHelper;

namespace TrainingHub.Features.Shared;

/// <summary>
/// Every CSV the site writes (transcripts, reports, rosters, application packets) and reads (roster uploads) goes
/// through CsvHelper with this configuration: RFC 4180 quoting, CRLF between records, and cells a spreadsheet would
/// run as a formula neutralized first (<see cref="Neutralize"/>).
/// </summary>
public static class Csv
{
    /// <summary>
    /// RFC 4180 as CsvHelper writes it by default (CRLF, fields quoted when they hold a comma, quote or line break).
    /// CsvHelper's own injection escaping stays off: every cell here is text, and its rule would also mark a negative
    /// number such as -1.5 as text, where a correction's hours must stay a number. <see cref="Neutralize"/> does it instead.
    /// </summary>
    public static CsvWriterOptions WriterOptions(bool byteOrderMark = false) => CsvWriterOptions.Default with
    {
        Injection = CsvInjection.None,
        ValidateFieldCount = false,
        WriteByteOrderMark = byteOrderMark,
    };

    /// <summary>A cell led by an apostrophe when a spreadsheet would run it as a formula (= + - @ tab CR); a number such as -1.5 is left alone.</summary>
    public static string Neutralize(string value) =>
        value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;

    /// <summary>Writes one table, row by row; a caller streaming a large export flushes as it goes.</summary>
    public sealed class Table : IDisposable, IAsyncDisposable
    {
        private readonly CsvWriter _csv;

        /// <summary>To text (a small table kept as a string).</summary>
        public Table(TextWriter writer) => _csv = CsvWriter.Create(writer, WriterOptions(), leaveOpen: true);

        /// <summary>To a stream, as a file: UTF-8 with a byte-order mark, so spreadsheets read names with accents.</summary>
        public Table(Stream output) => _csv = CsvWriter.Create(output, WriterOptions(byteOrderMark: true), leaveOpen: true);

        public void Row(IEnumerable<string?> cells)
        {
            foreach (var cell in cells) _csv.WriteField(Neutralize(cell ?? ""));
            _csv.EndRecord();
        }

        public void Row(params string?[] cells) => Row((IEnumerable<string?>)cells);

        public ValueTask FlushAsync(CancellationToken ct = default) => _csv.FlushAsync(ct);

        public void Dispose() => _csv.Dispose();

        public ValueTask DisposeAsync() => _csv.DisposeAsync();
    }

    /// <summary>A small table as text (a transcript, a report): <paramref name="write"/> adds its rows.</summary>
    public static string Write(Action<Table> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var table = new Table(text)) write(table);
        return text.ToString();
    }

    /// <summary>The bytes of a CSV file as spreadsheets open it: UTF-8 with a byte-order mark.</summary>
    public static byte[] FileBytes(string csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];

    /// <summary>One record as read: its fields and the line it starts on, counting from 1 as a text editor does.</summary>
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    /// <summary>
    /// Reads every record of a CSV text. <paramref name="unclosedQuoteLine"/> is the line of a record whose quote mark is
    /// opened and never closed (the record then runs to the end of the file), or null.
    /// </summary>
    public static List<Record> Read(string text, out int? unclosedQuoteLine)
    {
        int? unclosed = null;
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            Separator = ',',
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            OnMalformedRecord = r =>
            {
                if (r.Reason == CsvMalformedReason.UnterminatedQuote) unclosed ??= (int)r.LineNumber;
            },
        };
        var records = new List<Record>();
        using (var reader = CsvReader.Create(new StringReader(text), options, leaveOpen: false))
        {
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i) ?? "";
                records.Add(new Record((int)reader.LineNumber, fields));
            }
        }
        unclosedQuoteLine = unclosed;
        return unclosed is null ? records : [];
    }
}
