using System.Globalization;
using System.Text;
using SkiaSharp;

namespace TrainingHub.PdfLayout;

/// <summary>
/// Renders a credential application packet as a portrait US Letter PDF of as many pages as it needs: real text in the
/// certificates' embedded DejaVu faces (<see cref="PdfFonts"/>), tables that break across pages with their
/// headings repeated, and "page n of m" on every page.
/// </summary>
public static class ApplicationPacketPdf
{
    public const float PageWidth = 612;
    public const float PageHeight = 792;
    private const float Margin = 50;
    private const float ContentWidth = PageWidth - 2 * Margin;
    private const float Top = Margin + 22;
    private const float Bottom = PageHeight - Margin - 18;

    private static readonly SKColor Ink = new(0x1F, 0x29, 0x33);
    private static readonly SKColor Muted = new(0x52, 0x60, 0x6D);
    private static readonly SKColor Accent = new(0x1D, 0x35, 0x57);
    private static readonly SKColor RuleColor = new(0x9A, 0xA5, 0xB1);
    private static readonly SKColor Shade = new(0xEE, 0xF1, 0xF5);

    public static byte[] Render(ApplicationPacketContent packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var layout = new Layout();
        Compose(layout, packet);

        using var output = new SKDynamicMemoryWStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = Nfc($"{packet.Heading.Replace("Credential a", "A", StringComparison.Ordinal).Replace("Credential r", "R", StringComparison.Ordinal)}: {packet.PersonName}, {packet.CredentialName}"),
            Author = Nfc(packet.InstituteName),
            Subject = Nfc(packet.CredentialName),
            Creator = "TrainingHub",
        };
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            for (var i = 0; i < layout.Pages.Count; i++)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                canvas.Clear(SKColors.White);
                var header = Nfc($"{packet.PersonName} · {packet.CredentialName}");
                Draw(canvas, new TextOp(header, Margin, Margin + 8, 8, false, Muted));
                Draw(canvas, new LineOp(Margin, Margin + 13, PageWidth - Margin, Margin + 13, RuleColor, 0.5f));
                foreach (var op in layout.Pages[i]) Draw(canvas, op);
                var footer = Nfc($"Page {i + 1} of {layout.Pages.Count} · Prepared by TrainingHub for {packet.InstituteName} on {packet.GeneratedAt.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
                Draw(canvas, new TextOp(footer, Margin, PageHeight - Margin + 4, 7.5f, false, Muted));
                document.EndPage();
            }
            document.Close();
        }
        using var data = output.DetachAsData();
        return data.ToArray();
    }

    private static void Compose(Layout l, ApplicationPacketContent p)
    {
        l.Text(p.Heading, 20, bold: true, Accent);
        l.Text(p.CredentialName, 14, bold: true, Ink);
        l.Space(4);
        l.Pairs([
            ("Applicant", $"{p.PersonName} ({p.PersonEmail})"),
            ("Board", p.BoardName),
            ("Training provider", p.InstituteProviderNumber is null ? $"{p.InstituteName} (no approval number with this board on record)" : $"{p.InstituteName}, approval number {p.InstituteProviderNumber}"),
            ("Prepared", p.GeneratedAt.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)),
        ]);
        l.Space(6);
        l.Text(p.Summary, 11, bold: true, p.Eligible ? new SKColor(0x1C, 0x6B, 0x34) : Ink);
        l.Text("Requirements marked \"not confirmed\" are TrainingHub's editable defaults: no citable source confirmed them with the board.", 8.5f, bold: false, Muted);

        l.Heading("Requirements");
        l.Table(["Requirement", "Progress", "Status", "What is missing", "Source"], [0.22f, 0.2f, 0.1f, 0.24f, 0.24f],
            p.Requirements.Select(r => new[]
            {
                r.Title + (r.Unconfirmed ? " (not confirmed with the board)" : "") + (r.Note is null ? "" : $". {r.Note}"),
                r.Progress + (r.Pending is null ? "" : $". {r.Pending}"),
                r.Status,
                r.Gap ?? "",
                r.Source + (r.Checked is { } c ? $" (checked {c.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})" : ""),
            }));

        l.Heading("Training hours by the board's domains");
        if (p.DomainTotals.Count == 0) l.Text("This board's rules name no domains.", 9.5f, bold: false, Muted);
        else
        {
            l.Table(["Domain", "Hours counted", "Waiting for sign-off"], [0.5f, 0.25f, 0.25f],
                p.DomainTotals.Select(d => new[] { d.Domain, Hours(d.Counted), d.Pending == 0 ? "" : Hours(d.Pending) }));
        }

        l.Heading("Training record");
        if (p.Training.Count == 0) l.Text("No training hours yet.", 9.5f, bold: false, Muted);
        else
        {
            l.Table(["Date", "Training", "Board domain", "Hours", "Delivery", "Provider and number", "Status"], [0.1f, 0.25f, 0.14f, 0.07f, 0.1f, 0.17f, 0.17f],
                p.Training.Select(t => new[]
                {
                    t.Date.ToString("d MMM yyyy", CultureInfo.InvariantCulture), t.Detail is null ? t.Title : $"{t.Title}: {t.Detail}", t.Domain, Hours(t.Hours), t.Delivery,
                    $"{t.Provider} {t.ProviderNumber}".Trim(), t.Status,
                }));
        }

        l.Heading("Certificates");
        if (p.Certificates.Count == 0) l.Text("No certificates yet.", 9.5f, bold: false, Muted);
        else
        {
            l.Table(["Certificate", "Completed", "Hours", "Issued by", "Verification"], [0.27f, 0.12f, 0.07f, 0.22f, 0.32f],
                p.Certificates.Select(c => new[]
                {
                    $"{c.Title} ({c.Kind})", c.CompletedOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture), Hours(c.Hours), c.Issuer,
                    c.VerificationUrl is null ? c.VerificationCode : $"{c.VerificationCode} at {c.VerificationUrl}",
                }));
        }

        l.Heading("Supervisor attestations");
        if (p.Attestations.Count == 0) l.Text("No sign-offs yet.", 9.5f, bold: false, Muted);
        else
        {
            l.Table(["Signed", "Supervisor (name as typed)", "Statement", "Covers", "Status"], [0.14f, 0.19f, 0.37f, 0.15f, 0.15f],
                p.Attestations.Select(a => new[]
                {
                    a.SignedAt.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture), $"{a.Supervisor} (typed \"{a.TypedName}\")", a.Statement, a.Covers, a.Status,
                }));
        }

        l.Heading("Practice and supervision log");
        if (p.Practicum.Count == 0) l.Text("No signed-off practice or supervision hours yet.", 9.5f, bold: false, Muted);
        else
        {
            l.Table(["Kind", "Date", "Hours", "Board domain", "What was done", "Supervisor", "Signed off by"], [0.1f, 0.11f, 0.07f, 0.15f, 0.27f, 0.15f, 0.15f],
                p.Practicum.Select(x => new[]
                {
                    x.Kind, x.Date.ToString("d MMM yyyy", CultureInfo.InvariantCulture), Hours(x.Hours), x.Domain,
                    string.IsNullOrEmpty(x.Setting) ? x.Description : $"{x.Description} ({x.Setting})", x.Supervisor, x.SignedOffBy,
                }));
        }

        if (p.OtherRecords.Count > 0)
        {
            l.Heading("Exam, code of ethics and other records");
            l.Table(["Record", "Detail"], [0.35f, 0.65f], p.OtherRecords.Select(r => new[] { r.Title, r.Detail }));
        }
    }

    private static string Hours(decimal hours) => hours.ToString("0.############", CultureInfo.InvariantCulture);

    private static string Nfc(string? text) => (text ?? "").Normalize(NormalizationForm.FormC);

    private abstract record Op;

    private sealed record TextOp(string Text, float X, float Baseline, float Size, bool Bold, SKColor Color) : Op;

    private sealed record LineOp(float X1, float Y1, float X2, float Y2, SKColor Color, float Width) : Op;

    private sealed record RectOp(SKRect Rect, SKColor Color) : Op;

    private static void Draw(SKCanvas canvas, Op op)
    {
        switch (op)
        {
            case TextOp t:
                using (var font = NewFont(Face(t.Text, t.Bold), t.Size))
                using (var paint = new SKPaint { Color = t.Color, IsAntialias = true })
                {
                    canvas.DrawText(t.Text, t.X, t.Baseline, SKTextAlign.Left, font, paint);
                }
                break;
            case LineOp line:
                using (var paint = new SKPaint { Color = line.Color, Style = SKPaintStyle.Stroke, StrokeWidth = line.Width, IsAntialias = true })
                {
                    canvas.DrawLine(line.X1, line.Y1, line.X2, line.Y2, paint);
                }
                break;
            case RectOp rect:
                using (var paint = new SKPaint { Color = rect.Color, Style = SKPaintStyle.Fill })
                {
                    canvas.DrawRect(rect.Rect, paint);
                }
                break;
        }
    }

    private static SKTypeface Face(string text, bool bold) => (bold ? PdfFonts.Bold : PdfFonts.Regular).For(text);

    private static SKFont NewFont(SKTypeface typeface, float size) =>
        new(typeface, size) { Hinting = SKFontHinting.None, LinearMetrics = true, Subpixel = true };

    private static float Measure(string text, bool bold, float size)
    {
        using var font = NewFont(Face(text, bold), size);
        return font.MeasureText(text);
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>; a word longer than a line is broken between letters.</summary>
    private static List<string> Wrap(string text, bool bold, float size, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in Nfc(text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Measure(candidate, bold, size) <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0) lines.Add(current);
                current = word;
                while (Measure(current, bold, size) > width && current.Length > 1)
                {
                    var fit = 1;
                    while (fit < current.Length && Measure(current[..(fit + 1)], bold, size) <= width) fit++;
                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }
            lines.Add(current);
        }
        return lines;
    }

    /// <summary>Places text top to bottom, starting a new page when the next block does not fit.</summary>
    private sealed class Layout
    {
        private const float LineSpacing = 1.3f;
        private const float CellPadding = 3;

        public List<List<Op>> Pages { get; } = [[]];

        private float _y = Top;

        private List<Op> Page => Pages[^1];

        private void NewPage()
        {
            Pages.Add([]);
            _y = Top;
        }

        private void Ensure(float height)
        {
            if (_y + height > Bottom && _y > Top) NewPage();
        }

        public void Space(float points) => _y += points;

        public void Text(string text, float size, bool bold, SKColor color)
        {
            foreach (var line in Wrap(text, bold, size, ContentWidth))
            {
                Ensure(size * LineSpacing);
                _y += size * LineSpacing;
                Page.Add(new TextOp(line, Margin, _y - size * 0.3f, size, bold, color));
            }
        }

        public void Heading(string text)
        {
            // A heading never ends a page: it keeps room for itself and the first lines after it.
            Ensure(14 * LineSpacing + 48);
            _y += 12;
            Text(text, 13, bold: true, Accent);
            _y += 2;
        }

        public void Pairs(IReadOnlyList<(string Label, string Value)> pairs)
        {
            const float size = 10;
            const float labelWidth = 110;
            foreach (var (label, value) in pairs)
            {
                var lines = Wrap(value, false, size, ContentWidth - labelWidth);
                Ensure(lines.Count * size * LineSpacing);
                var top = _y;
                Page.Add(new TextOp(Nfc(label), Margin, top + size * LineSpacing - size * 0.3f, size, true, Muted));
                foreach (var line in lines)
                {
                    _y += size * LineSpacing;
                    Page.Add(new TextOp(line, Margin + labelWidth, _y - size * 0.3f, size, false, Ink));
                }
            }
        }

        public void Table(string[] headers, float[] widths, IEnumerable<string[]> rows)
        {
            const float size = 8;
            var columns = widths.Select(w => w * ContentWidth).ToArray();
            var headerLines = headers.Select((h, i) => Wrap(h, true, size, columns[i] - 2 * CellPadding)).ToList();
            var headerHeight = headerLines.Max(l => l.Count) * size * LineSpacing + 2 * CellPadding;

            void Header()
            {
                Page.Add(new RectOp(new SKRect(Margin, _y, Margin + ContentWidth, _y + headerHeight), Shade));
                Cells(headerLines, true, Muted);
                _y += headerHeight;
                Page.Add(new LineOp(Margin, _y, Margin + ContentWidth, _y, Ink, 0.6f));
            }

            void Cells(IReadOnlyList<List<string>> cells, bool bold, SKColor color)
            {
                var x = Margin;
                for (var i = 0; i < cells.Count; i++)
                {
                    var baseline = _y + CellPadding;
                    foreach (var line in cells[i])
                    {
                        baseline += size * LineSpacing;
                        Page.Add(new TextOp(line, x + CellPadding, baseline - size * 0.3f, size, bold, color));
                    }
                    x += columns[i];
                }
            }

            Ensure(headerHeight + 3 * size * LineSpacing);
            Header();
            foreach (var row in rows)
            {
                var cells = row.Select((c, i) => Wrap(c, false, size, columns[i] - 2 * CellPadding)).ToList();
                var height = cells.Max(c => c.Count) * size * LineSpacing + 2 * CellPadding;
                if (_y + height > Bottom)
                {
                    NewPage();
                    Header();
                }
                Cells(cells, false, Ink);
                _y += height;
                Page.Add(new LineOp(Margin, _y, Margin + ContentWidth, _y, RuleColor, 0.4f));
            }
            _y += 4;
        }
    }
}
