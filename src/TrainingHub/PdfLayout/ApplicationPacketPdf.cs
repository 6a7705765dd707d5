using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;
using TrainingHub.Localization;

namespace TrainingHub.PdfLayout;

/// <summary>
/// Renders a credential application packet as a portrait PDF of as many pages as it needs: tagged (headings, paragraphs
/// and tables in reading order, document language), PDF/A-2b, real text in the certificates' embedded DejaVu faces
/// (<see cref="PdfFonts"/>), tables that break across pages with their headings repeated, web addresses as links that
/// are never broken, and "page n of m" on every page. The page is US Letter with margins that leave everything on the
/// paper when it is printed at actual size on A4 (which is 17 pt narrower).
/// </summary>
public static class ApplicationPacketPdf
{
    public const float PageWidth = 612;
    public const float PageHeight = 792;
    private const float Margin = 50;
    private const float ContentWidth = PageWidth - 2 * Margin;
    private const float Top = Margin + 22;
    private const float Bottom = PageHeight - Margin - 18;

    private static readonly XColor Ink = XColor.FromArgb(0x1F, 0x29, 0x33);
    private static readonly XColor Muted = XColor.FromArgb(0x52, 0x60, 0x6D);
    private static readonly XColor Accent = XColor.FromArgb(0x1D, 0x35, 0x57);
    private static readonly XColor RuleColor = XColor.FromArgb(0x9A, 0xA5, 0xB1);
    private static readonly XColor Shade = XColor.FromArgb(0xEE, 0xF1, 0xF5);
    private static readonly XColor Good = XColor.FromArgb(0x1C, 0x6B, 0x34);

    /// <param name="words">
    /// The reader's language for the packet's own words (headings, labels, column names, page footer), as the
    /// certificate does it (docs/decisions/0019-languages.md); with it the document's <c>/Lang</c>. What the records say
    /// (names, requirement texts, statuses, sources, statements) is printed as recorded, in the board's language.
    /// </param>
    public static byte[] Render(ApplicationPacketContent packet, Words? words = null)
    {
        ArgumentNullException.ThrowIfNull(packet);
        words ??= Words.English;
        var english = words == Words.English;
        var layout = new Layout();
        Compose(layout, packet, words);

        var identity = Convert.ToHexString(SHA256.HashData(JsonSerializerForIdentity(packet)));
        var title = english
            ? packet.Heading.Replace("Credential a", "A", StringComparison.Ordinal).Replace("Credential r", "R", StringComparison.Ordinal)
            : words[packet.Heading];
        using var pdf = new ArchivalPdf(
            Nfc($"{title}: {packet.PersonName}, {packet.CredentialName}"),
            Nfc(packet.InstituteName),
            Nfc(packet.CredentialName),
            packet.GeneratedAt,
            english ? identity : identity + '\u001f' + words.Language,
            english ? ArchivalPdf.Language : words.Language);
        var header = Nfc($"{packet.PersonName} · {packet.CredentialName}");
        for (var i = 0; i < layout.Pages.Count; i++)
        {
            pdf.AddPage(PageWidth, PageHeight);
            var footer = Nfc(words["Page {0} of {1} · Prepared by TrainingHub for {2} on {3}", i + 1, layout.Pages.Count, packet.InstituteName, Prepared(packet.GeneratedAt, words)]);
            pdf.Artifact(g =>
            {
                Draw(g, new TextOp(header, Margin, Margin + 8, 8, false, Muted));
                Draw(g, new LineOp(Margin, Margin + 13, PageWidth - Margin, Margin + 13, RuleColor, 0.5f));
                Draw(g, new TextOp(footer, Margin, PageHeight - Margin + 4, 7.5f, false, Muted));
            });
            foreach (var op in layout.Pages[i])
            {
                switch (op)
                {
                    case BeginOp begin:
                        pdf.Tags.BeginElement(begin.Tag);
                        break;
                    case EndOp:
                        pdf.Tags.End();
                        break;
                    case LinkOp link:
                        var font = Face(link.Text, false).At(link.Size);
                        var width = pdf.Graphics.MeasureString(link.Text, font).Width;
                        var area = new XRect(link.X, link.Baseline - link.Size * 0.95, width, link.Size * 1.2);
                        pdf.Link(link.Url, area, g =>
                        {
                            Draw(g, new TextOp(link.Text, link.X, link.Baseline, link.Size, false, Accent));
                            Draw(g, new LineOp(link.X, link.Baseline + link.Size * 0.12, link.X + width, link.Baseline + link.Size * 0.12, Accent, 0.4f));
                        });
                        break;
                    case TextOp text:
                        Draw(pdf.Graphics, text);
                        break;
                    default:
                        pdf.Artifact(g => Draw(g, op));
                        break;
                }
            }
        }
        return pdf.Save();
    }

    private static byte[] JsonSerializerForIdentity(ApplicationPacketContent packet) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(packet);

    private static void Compose(Layout l, ApplicationPacketContent p, Words w)
    {
        l.Text(w[p.Heading], 20, bold: true, Accent, PdfBlockLevelElementTag.Heading1);
        l.Text(p.CredentialName, 14, bold: true, Ink);
        l.Space(4);
        l.Pairs([
            (w["Applicant"], $"{p.PersonName} ({p.PersonEmail})"),
            (w["Board"], p.BoardName),
            (w["Training provider"], p.InstituteProviderNumber is null ? w["{0} (no approval number with this board on record)", p.InstituteName] : w["{0}, approval number {1}", p.InstituteName, p.InstituteProviderNumber]),
            (w["Prepared"], Prepared(p.GeneratedAt, w)),
        ]);
        l.Space(6);
        l.Text(p.Summary, 11, bold: true, p.Eligible ? Good : Ink);
        l.Text(w["Requirements marked \"not confirmed\" are TrainingHub's editable defaults: no citable source confirmed them with the board."], 8.5f, bold: false, Muted);

        l.Heading(w["Requirements"]);
        l.Table([w["Requirement"], w["Progress"], w["Status"], w["What is missing"], w["Source"]], [0.22f, 0.2f, 0.1f, 0.24f, 0.24f],
            p.Requirements.Select(r => new[]
            {
                r.Title + (r.Unconfirmed ? " " + w["(not confirmed with the board)"] : "") + (r.Note is null ? "" : $". {r.Note}"),
                r.Progress + (r.Pending is null ? "" : $". {r.Pending}"),
                r.Status,
                r.Gap ?? "",
                r.Source + (r.Checked is { } c ? " " + w["(checked {0})", ShortDate(c, w)] : ""),
            }));

        l.Heading(w["Training hours by the board's domains"]);
        if (p.DomainTotals.Count == 0) l.Text(w["This board's rules name no domains."], 9.5f, bold: false, Muted);
        else
        {
            l.Table([w["Domain"], w["Hours counted"], w["Waiting for sign-off"]], [0.5f, 0.25f, 0.25f],
                p.DomainTotals.Select(d => new[] { d.Domain, Hours(d.Counted), d.Pending == 0 ? "" : Hours(d.Pending) }));
        }

        l.Heading(w["Training record"]);
        if (p.Training.Count == 0) l.Text(w["No training hours yet."], 9.5f, bold: false, Muted);
        else
        {
            l.Table([w["Date"], w["Training"], w["Board domain"], w["Hours"], w["Delivery"], w["Provider and number"], w["Status"]], [0.1f, 0.25f, 0.14f, 0.07f, 0.1f, 0.17f, 0.17f],
                p.Training.Select(t => new[]
                {
                    ShortDate(t.Date, w), t.Detail is null ? t.Title : $"{t.Title}: {t.Detail}", t.Domain, Hours(t.Hours), t.Delivery,
                    $"{t.Provider} {t.ProviderNumber}".Trim(), t.Status,
                }));
        }

        l.Heading(w["Certificates"]);
        if (p.Certificates.Count == 0) l.Text(w["No certificates yet."], 9.5f, bold: false, Muted);
        else
        {
            l.Table([w["Certificate"], w["Completed"], w["Hours"], w["Issued by"], w["Verification"]], [0.27f, 0.12f, 0.07f, 0.22f, 0.32f],
                p.Certificates.Select(c => new[]
                {
                    $"{c.Title} ({c.Kind})", ShortDate(c.CompletedOn, w), Hours(c.Hours), c.Issuer,
                    c.VerificationUrl is null ? c.VerificationCode : $"{c.VerificationCode}\n{c.VerificationUrl}",
                }));
        }

        l.Heading(w["Supervisor attestations"]);
        if (p.Attestations.Count == 0) l.Text(w["No sign-offs yet."], 9.5f, bold: false, Muted);
        else
        {
            l.Table([w["Signed"], w["Supervisor (name as typed)"], w["Statement"], w["Covers"], w["Status"]], [0.14f, 0.19f, 0.37f, 0.15f, 0.15f],
                p.Attestations.Select(a => new[]
                {
                    a.SignedAt.ToString(w["d MMM yyyy HH:mm 'UTC'"], w.Culture), w["{0} (typed \"{1}\")", a.Supervisor, a.TypedName], a.Statement, a.Covers, a.Status,
                }));
        }

        l.Heading(w["Practice and supervision log"]);
        if (p.Practicum.Count == 0) l.Text(w["No signed-off practice or supervision hours yet."], 9.5f, bold: false, Muted);
        else
        {
            l.Table([w["Kind"], w["Date"], w["Hours"], w["Board domain"], w["What was done"], w["Supervisor"], w["Signed off by"]], [0.1f, 0.11f, 0.07f, 0.15f, 0.27f, 0.15f, 0.15f],
                p.Practicum.Select(x => new[]
                {
                    x.Kind, ShortDate(x.Date, w), Hours(x.Hours), x.Domain,
                    string.IsNullOrEmpty(x.Setting) ? x.Description : $"{x.Description} ({x.Setting})", x.Supervisor, x.SignedOffBy,
                }));
        }

        if (p.OtherRecords.Count > 0)
        {
            l.Heading(w["Exam, code of ethics and other records"]);
            l.Table([w["Record"], w["Detail"]], [0.35f, 0.65f], p.OtherRecords.Select(r => new[] { r.Title, r.Detail }));
        }
    }

    // English keeps the exact formats boards and the existing packets have; another language takes its own patterns.
    private static string Prepared(DateTime at, Words w) => at.ToString(w["d MMMM yyyy, HH:mm 'UTC'"], w == Words.English ? CultureInfo.InvariantCulture : w.Culture);

    private static string ShortDate(DateOnly day, Words w) => day.ToString(w["d MMM yyyy"], w == Words.English ? CultureInfo.InvariantCulture : w.Culture);

    private static string Hours(decimal hours) => hours.ToString("0.############", CultureInfo.InvariantCulture);

    private static string Nfc(string? text) => (text ?? "").Normalize(NormalizationForm.FormC);

    private abstract record Op;

    private sealed record TextOp(string Text, double X, double Baseline, double Size, bool Bold, XColor Color) : Op;

    /// <summary>A web address on one line, drawn as a link.</summary>
    private sealed record LinkOp(Uri Url, string Text, double X, double Baseline, double Size) : Op;

    private sealed record LineOp(double X1, double Y1, double X2, double Y2, XColor Color, double Width) : Op;

    private sealed record RectOp(XRect Rect, XColor Color) : Op;

    private sealed record BeginOp(PdfBlockLevelElementTag Tag) : Op;

    private sealed record EndOp : Op;

    private static void Draw(XGraphics g, Op op)
    {
        switch (op)
        {
            case TextOp t:
                g.DrawString(t.Text, Face(t.Text, t.Bold).At(t.Size), new XSolidBrush(t.Color), t.X, t.Baseline, XStringFormats.BaseLineLeft);
                break;
            case LineOp line:
                g.DrawLine(new XPen(line.Color, line.Width), line.X1, line.Y1, line.X2, line.Y2);
                break;
            case RectOp rect:
                g.DrawRectangle(new XSolidBrush(rect.Color), rect.Rect);
                break;
        }
    }

    private static PdfFace Face(string text, bool bold) => bold ? PdfFonts.Bold : PdfFonts.Regular;

    private static double Measure(string text, bool bold, double size) => CertificatePdf.TextFit.Measure(Face(text, bold), text) * size;

    /// <summary>An absolute web address alone on a line: printed whole and linked, never broken.</summary>
    private static Uri? WebAddress(string line) =>
        !line.Contains(' ', StringComparison.Ordinal) && Uri.TryCreate(line, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>; a word longer than a line is broken between letters.</summary>
    private static List<string> Wrap(string text, bool bold, double size, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in Nfc(text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (WebAddress(paragraph.Trim()) is not null)
            {
                lines.Add(paragraph.Trim());
                continue;
            }
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

    /// <summary>
    /// Places text top to bottom, starting a new page when the next block does not fit, and opens and closes structure
    /// elements around it in reading order. An element still open at a page break is closed on the old page and opened
    /// again on the new one, so every page's structure stands on its own.
    /// </summary>
    private sealed class Layout
    {
        private const double LineSpacing = 1.3;
        private const double CellPadding = 3;

        public List<List<Op>> Pages { get; } = [[]];

        private readonly List<PdfBlockLevelElementTag> _open = [];
        private double _y = Top;

        private List<Op> Page => Pages[^1];

        private void Begin(PdfBlockLevelElementTag tag)
        {
            Page.Add(new BeginOp(tag));
            _open.Add(tag);
        }

        private void End()
        {
            Page.Add(new EndOp());
            _open.RemoveAt(_open.Count - 1);
        }

        private void NewPage()
        {
            foreach (var _ in _open)
            {
                Page.Add(new EndOp());
            }
            Pages.Add([]);
            foreach (var tag in _open)
            {
                Page.Add(new BeginOp(tag));
            }
            _y = Top;
        }

        private void Ensure(double height)
        {
            if (_y + height > Bottom && _y > Top) NewPage();
        }

        public void Space(double points) => _y += points;

        /// <summary>
        /// Every line but the last ends in a space: a reader that joins a paragraph's lines (a screen reader, text
        /// extraction) then keeps the words apart. A web address alone on its line keeps its exact text.
        /// </summary>
        private static IEnumerable<string> Spaced(List<string> lines) =>
            lines.Select((line, i) => i < lines.Count - 1 && WebAddress(line) is null ? line + " " : line);

        public void Text(string text, double size, bool bold, XColor color, PdfBlockLevelElementTag tag = PdfBlockLevelElementTag.Paragraph)
        {
            Begin(tag);
            foreach (var line in Spaced(Wrap(text, bold, size, ContentWidth)))
            {
                Ensure(size * LineSpacing);
                _y += size * LineSpacing;
                Line(line, Margin, _y - size * 0.3, size, bold, color, ContentWidth);
            }
            End();
        }

        /// <summary>A line of text, or a web address as a link shrunk to the width it has.</summary>
        private void Line(string line, double x, double baseline, double size, bool bold, XColor color, double width)
        {
            if (WebAddress(line) is { } url)
            {
                var linkSize = Math.Min(size, width / Math.Max(Measure(line, false, 1), 0.001));
                Page.Add(new LinkOp(url, line, x, baseline, linkSize));
                return;
            }
            Page.Add(new TextOp(line, x, baseline, size, bold, color));
        }

        public void Heading(string text)
        {
            // A heading never ends a page: it keeps room for itself and the first lines after it.
            Ensure(14 * LineSpacing + 48);
            _y += 12;
            Text(text, 13, bold: true, Accent, PdfBlockLevelElementTag.Heading2);
            _y += 2;
        }

        public void Pairs(IReadOnlyList<(string Label, string Value)> pairs)
        {
            const double size = 10;
            const double labelWidth = 110;
            foreach (var (label, value) in pairs)
            {
                var lines = Wrap(value, false, size, ContentWidth - labelWidth);
                Ensure(lines.Count * size * LineSpacing);
                Begin(PdfBlockLevelElementTag.Paragraph);
                var top = _y;
                Page.Add(new TextOp(Nfc(label) + " ", Margin, top + size * LineSpacing - size * 0.3, size, true, Muted));
                foreach (var line in Spaced(lines))
                {
                    _y += size * LineSpacing;
                    Line(line, Margin + labelWidth, _y - size * 0.3, size, false, Ink, ContentWidth - labelWidth);
                }
                End();
            }
        }

        public void Table(string[] headers, float[] widths, IEnumerable<string[]> rows)
        {
            const double size = 8;
            var columns = widths.Select(w => w * ContentWidth).ToArray();
            var headerLines = headers.Select((h, i) => Wrap(h, true, size, columns[i] - 2 * CellPadding)).ToList();
            var headerHeight = headerLines.Max(l => l.Count) * size * LineSpacing + 2 * CellPadding;

            void Header()
            {
                Page.Add(new RectOp(new XRect(Margin, _y, ContentWidth, headerHeight), Shade));
                Begin(PdfBlockLevelElementTag.TableHeadRowGroup);
                Begin(PdfBlockLevelElementTag.TableRow);
                Cells(headerLines, true, Muted, PdfBlockLevelElementTag.TableHeaderCell);
                End();
                End();
                _y += headerHeight;
                Page.Add(new LineOp(Margin, _y, Margin + ContentWidth, _y, Ink, 0.6));
            }

            void Cells(IReadOnlyList<List<string>> cells, bool bold, XColor color, PdfBlockLevelElementTag cellTag)
            {
                var x = Margin;
                for (var i = 0; i < cells.Count; i++)
                {
                    Begin(cellTag);
                    var baseline = _y + CellPadding;
                    foreach (var line in Spaced(cells[i]))
                    {
                        baseline += size * LineSpacing;
                        Line(line, x + CellPadding, baseline - size * 0.3, size, bold, color, columns[i] - 2 * CellPadding);
                    }
                    End();
                    x += columns[i];
                }
            }

            Ensure(headerHeight + 3 * size * LineSpacing);
            Begin(PdfBlockLevelElementTag.Table);
            Header();
            Begin(PdfBlockLevelElementTag.TableBodyRowGroup);
            foreach (var row in rows)
            {
                var cells = row.Select((c, i) => Wrap(c, false, size, columns[i] - 2 * CellPadding)).ToList();
                var height = cells.Max(c => c.Count) * size * LineSpacing + 2 * CellPadding;
                if (_y + height > Bottom)
                {
                    End();
                    NewPage();
                    Header();
                    Begin(PdfBlockLevelElementTag.TableBodyRowGroup);
                }
                Begin(PdfBlockLevelElementTag.TableRow);
                Cells(cells, false, Ink, PdfBlockLevelElementTag.TableDataCell);
                End();
                _y += height;
                Page.Add(new LineOp(Margin, _y, Margin + ContentWidth, _y, RuleColor, 0.4));
            }
            End();
            End();
            _y += 4;
        }
    }
}
