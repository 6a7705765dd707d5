using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;
using QRCoder;
using TrainingHub.Localization;

namespace TrainingHub.PdfLayout;

/// <summary>
/// Renders a certificate of completion as a one-page landscape US Letter PDF: tagged (reading order, document language,
/// alt text for the QR code), PDF/A-2b, text in embedded fonts so boards can search and copy it, the verification
/// address as a real link on one line, and a border at least 10 mm from the paper's edge whether it is printed at
/// actual size on Letter or on A4. The QR code is vector squares, so it scans at any print size. The same content
/// always gives the same bytes.
/// </summary>
public static partial class CertificatePdf
{
    public const float PageWidth = 792;  // 11 in at 72 pt per inch
    public const float PageHeight = 612; // 8.5 in

    /// <summary>
    /// The border's distance from the page's edges. A4 landscape is 17 pt shorter than Letter, so a Letter page printed
    /// at actual size on A4 loses 8.5 pt at the top and at the bottom: 40 pt leaves 31.5 pt (11.1 mm) there, and A4's
    /// extra width leaves the sides wider than on Letter, where 32 pt is 11.3 mm.
    /// </summary>
    public const float BorderInsetX = 32;
    public const float BorderInsetY = 40;

    private static readonly XColor Ink = XColor.FromArgb(0x1F, 0x29, 0x33);
    private static readonly XColor Muted = XColor.FromArgb(0x52, 0x60, 0x6D);
    private static readonly XColor Accent = XColor.FromArgb(0x1D, 0x35, 0x57);
    private static readonly XColor RuleColor = XColor.FromArgb(0x9A, 0xA5, 0xB1);

    private const float CenterX = PageWidth / 2;
    private const float BodyLeft = 96;
    private const float QrSize = 112;
    private const float QrCenterX = 650;

    /// <param name="words">
    /// The holder's language. In another language than English the certificate's own words are translated, and what a
    /// board reads keeps its English beside it (docs/decisions/0019-languages.md); the names, numbers, code and address
    /// are printed as issued.
    /// </param>
    public static byte[] Render(CertificateContent certificate, Words? words = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Validate(certificate);
        certificate = Composed(certificate);
        words ??= Words.English;
        var english = words == Words.English;

        using var pdf = new ArchivalPdf(
            $"{words["Certificate of Completion"]}: {certificate.TraineeFullName}, {certificate.CourseTitle}",
            certificate.InstituteName,
            certificate.CourseTitle,
            certificate.CompletedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            english ? Identity(certificate) : Identity(certificate) + '\u001f' + words.Language,
            english ? ArchivalPdf.Language : words.Language);
        pdf.AddPage(PageWidth, PageHeight);
        Draw(new Page(pdf), certificate, new Labels(words));
        return pdf.Save();
    }

    /// <summary>The certificate's own words in the holder's language; what a board must read keeps the English beside it.</summary>
    private sealed class Labels(Words words)
    {
        private readonly bool _english = words == Words.English;

        public string Own(string english) => words[english];

        public string ForBoards(string english) => _english ? english : $"{words[english]} / {english}";

        /// <summary>English subtitle under a translated heading; none on an English certificate.</summary>
        public string? EnglishBeside(string english) => _english ? null : english;

        public string Hours(decimal hours) => _english
            ? HoursPhrase(hours)
            : $"{(hours == 1 ? words["1 contact hour"] : words["{0} contact hours", words.Hours(hours)])} / {HoursPhrase(hours)}";

        /// <summary>The date in words, and for another language also as an ISO date, which reads the same everywhere.</summary>
        public string Date(DateOnly day) => _english
            ? day.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)
            : $"{words.Date(day)} ({day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";
    }

    private static string Identity(CertificateContent c) => string.Join('\u001f',
        [c.TraineeFullName, c.CourseTitle, c.CourseHours.ToString(CultureInfo.InvariantCulture), c.CompletedOn.ToString("O", CultureInfo.InvariantCulture),
         c.DeliveryMode, c.InstituteName, c.SignatoryName, c.SignatoryTitle, c.VerificationCode, c.VerificationUrl.AbsoluteUri,
         .. c.HoursByDomain.Select(d => $"{d.Key}={d.Value.ToString(CultureInfo.InvariantCulture)}"),
         .. c.ProviderNumbersByBoard.Select(p => $"{p.Key}={p.Value}")]);

    /// <summary>
    /// An "é" typed as "e" plus a combining accent would print the accent beside the letter (text is not shaped); the
    /// composed form prints one glyph.
    /// </summary>
    private static CertificateContent Composed(CertificateContent c)
    {
        static string Nfc(string? text) => (text ?? "").Normalize(NormalizationForm.FormC);
        return c with
        {
            TraineeFullName = Nfc(c.TraineeFullName),
            CourseTitle = Nfc(c.CourseTitle),
            DeliveryMode = Nfc(c.DeliveryMode),
            InstituteName = Nfc(c.InstituteName),
            SignatoryName = Nfc(c.SignatoryName),
            SignatoryTitle = Nfc(c.SignatoryTitle),
            VerificationCode = Nfc(c.VerificationCode),
            HoursByDomain = c.HoursByDomain.ToDictionary(d => Nfc(d.Key), d => d.Value),
            ProviderNumbersByBoard = c.ProviderNumbersByBoard.ToDictionary(p => Nfc(p.Key), p => Nfc(p.Value)),
        };
    }

    private static void Validate(CertificateContent c)
    {
        Require(c.TraineeFullName, nameof(c.TraineeFullName));
        Require(c.CourseTitle, nameof(c.CourseTitle));
        Require(c.InstituteName, nameof(c.InstituteName));
        Require(c.VerificationCode, nameof(c.VerificationCode));
        ArgumentNullException.ThrowIfNull(c.HoursByDomain);
        ArgumentNullException.ThrowIfNull(c.ProviderNumbersByBoard);
        ArgumentNullException.ThrowIfNull(c.VerificationUrl);
        if (c.CourseHours <= 0)
        {
            throw new ArgumentException("A certificate needs a positive number of course hours.", nameof(c.CourseHours));
        }
        if (!c.VerificationUrl.IsAbsoluteUri || (c.VerificationUrl.Scheme != Uri.UriSchemeHttps && c.VerificationUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The verification URL must be an absolute http(s) address.", nameof(c.VerificationUrl));
        }

        static void Require(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{name} is required on a certificate.", name);
            }
        }
    }

    /// <summary>Draws the page in reading order: each text is drawn inside its structure element, decoration as artifacts.</summary>
    private static void Draw(Page page, CertificateContent c, Labels labels)
    {
        var date = labels.Date(c.CompletedOn);

        page.Border();

        page.Paragraph(() => page.Fitted(c.InstituteName, new XRect(120, 60, 552, 24), PdfFonts.Bold, Muted, 13, 7, 1));
        page.Element(PdfBlockLevelElementTag.Heading1, () => page.Fitted(labels.Own("Certificate of Completion"), new XRect(96, 94, 600, 40), PdfFonts.Display, Accent, 34, 20, 1));
        page.Rule(346, 446, 141, Accent, 1);
        if (labels.EnglishBeside("Certificate of Completion") is { } subtitle)
        {
            page.Paragraph(() => page.Line(subtitle, CenterX, 154, PdfFonts.Regular, 9, Muted, XStringFormats.BaseLineCenter));
        }

        page.Paragraph(() => page.Line(labels.Own("This certifies that"), CenterX, 171, PdfFonts.Regular, 13, Muted, XStringFormats.BaseLineCenter));
        page.Paragraph(() => page.Fitted(c.TraineeFullName, new XRect(116, 180, 560, 52), PdfFonts.Display, Ink, 32, 18, 2));
        page.Rule(216, 576, 239, RuleColor, 0.75f);
        page.Paragraph(() => page.Line(labels.Own("has completed"), CenterX, 262, PdfFonts.Regular, 13, Muted, XStringFormats.BaseLineCenter));
        page.Paragraph(() => page.Fitted(c.CourseTitle, new XRect(116, 270, 560, 48), PdfFonts.Bold, Ink, 20, 12, 2));
        var hours = labels.Hours(c.CourseHours);
        var hoursAndDelivery = string.IsNullOrWhiteSpace(c.DeliveryMode) ? hours : $"{hours}  ·  {c.DeliveryMode}";
        page.Paragraph(() => page.Fitted(hoursAndDelivery, new XRect(116, 327, 560, 18), PdfFonts.Regular, Ink, 12, 7, 1));

        page.Table(labels.ForBoards("Hours by credential domain"), c.HoursByDomain.Select(d => (d.Key, Hours(d.Value))).ToList(), BodyLeft, 356);
        page.Table(labels.ForBoards("Approved provider numbers"), c.ProviderNumbersByBoard.Select(p => (p.Key, p.Value)).ToList(), 384, 560);

        page.Paragraph(() => page.SignatureBlock(c.SignatoryName, c.SignatoryTitle, BodyLeft, 316, PdfFonts.Display, 14));
        page.Paragraph(() => page.SignatureBlock(date, labels.ForBoards("Date of completion"), 350, 540, PdfFonts.Regular, 12));

        page.Paragraph(() => page.Fitted(labels.ForBoards("Verify this certificate"), new XRect(QrCenterX - 80, 376, 160, 10), PdfFonts.Regular, Muted, 8, 5, 1));
        var url = c.VerificationUrl.AbsoluteUri;
        page.Figure(labels.Own("QR code that opens the verification page {0}").Replace("{0}", url, StringComparison.Ordinal), new XRect(QrCenterX - QrSize / 2, 390, QrSize, QrSize),
            box => page.QrCode(url, box));
        page.Paragraph(() => page.Fitted(c.VerificationCode, new XRect(QrCenterX - 80, 507, 160, 14), PdfFonts.Bold, Ink, 9.5f, 5, 1));
        // The address on one line across the foot of the page, never broken, as a link a reader can follow.
        page.Paragraph(() => page.Link(c.VerificationUrl, new XRect(120, 551, 552, 12), PdfFonts.Regular, Accent, 8));
    }

    private sealed class Page(ArchivalPdf pdf)
    {
        private XGraphics G => pdf.Graphics;

        public void Element(PdfBlockLevelElementTag tag, Action draw)
        {
            pdf.Tags.BeginElement(tag);
            draw();
            pdf.Tags.End();
        }

        public void Paragraph(Action draw) => Element(PdfBlockLevelElementTag.Paragraph, draw);

        public void Figure(string altText, XRect box, Action<XRect> draw)
        {
            pdf.Tags.BeginElement(PdfIllustrationElementTag.Figure, altText, box);
            draw(box);
            pdf.Tags.End();
        }

        public void Border() => pdf.Artifact(g =>
        {
            g.DrawRectangle(new XPen(Accent, 2), BorderInsetX, BorderInsetY, PageWidth - 2 * BorderInsetX, PageHeight - 2 * BorderInsetY);
            g.DrawRectangle(new XPen(Accent, 0.75), BorderInsetX + 6, BorderInsetY + 6, PageWidth - 2 * BorderInsetX - 12, PageHeight - 2 * BorderInsetY - 12);
        });

        public void Rule(double left, double right, double y, XColor color, double width) =>
            pdf.Artifact(g => g.DrawLine(new XPen(color, width), left, y, right, y));

        public void Table(string heading, IReadOnlyList<(string Label, string Value)> rows, double left, double right)
        {
            if (rows.Count == 0)
            {
                return;
            }
            const double headingBaseline = 378;
            const double rowsTop = 384;
            const double rowsBottom = 490;
            const double gap = 10;
            Element(PdfBlockLevelElementTag.Heading2, () =>
                Fitted(heading, new XRect(left, headingBaseline - 11, right - left, 14), PdfFonts.Bold, Muted, 9.5, 6, 1));

            // Rows shrink together, never spilling into the signature line, however many domains a course has.
            var rowHeight = Math.Min(15, (rowsBottom - rowsTop) / rows.Count);
            var size = rowHeight * 0.63;
            pdf.Tags.BeginElement(PdfBlockLevelElementTag.Table);
            for (var i = 0; i < rows.Count; i++)
            {
                var bottom = rowsTop + (i + 1) * rowHeight;
                var baseline = bottom - rowHeight * 0.3;
                var labelWidth = Width(PdfFonts.Regular, rows[i].Label, size);
                var valueWidth = Width(PdfFonts.Regular, rows[i].Value, size);
                // A row too long for the column shrinks as a whole, so its label and value stay the same size.
                var scale = Math.Min(1, (right - left - gap) / Math.Max(labelWidth + valueWidth, 0.001));
                var rowSize = size * scale;
                valueWidth *= scale;
                var row = rows[i];
                pdf.Tags.BeginElement(PdfBlockLevelElementTag.TableRow);
                Element(PdfBlockLevelElementTag.TableHeaderCell, () =>
                    Fitted(row.Label, new XRect(left, bottom - rowHeight, right - valueWidth - gap - left, rowHeight), PdfFonts.Regular, Ink, rowSize, 1, 1, XStringAlignment.Near, baseline));
                Element(PdfBlockLevelElementTag.TableDataCell, () =>
                    Fitted(row.Value, new XRect(right - valueWidth, bottom - rowHeight, valueWidth, rowHeight), PdfFonts.Regular, Ink, rowSize, 1, 1, XStringAlignment.Far, baseline));
                pdf.Tags.End();
                Rule(left, right, bottom, RuleColor, 0.5);
            }
            pdf.Tags.End();
        }

        public void SignatureBlock(string above, string below, double left, double right, PdfFace aboveFace, double aboveSize)
        {
            const double lineY = 522;
            Fitted(above, new XRect(left, lineY - 24, right - left, 20), aboveFace, Ink, aboveSize, 1, 1, XStringAlignment.Near, lineY - 7);
            Rule(left, right, lineY, Ink, 0.75);
            Fitted(below, new XRect(left, lineY + 4, right - left, 22), PdfFonts.Regular, Muted, 9, 5, 2, XStringAlignment.Near);
        }

        /// <summary>Draws the QR code, quiet zone included, inside <paramref name="box"/>.</summary>
        public void QrCode(string payload, XRect box)
        {
            // Medium error correction survives a crease or a smudge on a printed copy without making the code dense.
            using var qr = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
            var matrix = qr.ModuleMatrix; // four light modules of quiet zone on each side are part of the matrix
            var modules = matrix.Count;
            var module = Math.Min(box.Width, box.Height) / modules;

            G.DrawRectangle(XBrushes.White, box.Left, box.Top, modules * module, modules * module);

            // One path for all dark modules: a rasteriser fills it in one pass, leaving no hairline seams between squares.
            var path = new XGraphicsPath { FillMode = XFillMode.Winding };
            for (var row = 0; row < modules; row++)
            {
                var column = 0;
                while (column < modules)
                {
                    if (!matrix[row][column])
                    {
                        column++;
                        continue;
                    }
                    var start = column;
                    while (column < modules && matrix[row][column])
                    {
                        column++;
                    }
                    path.AddRectangle(box.Left + start * module, box.Top + row * module, (column - start) * module, module);
                }
            }
            G.DrawPath(XBrushes.Black, path);
        }

        public void Line(string text, double x, double baseline, PdfFace face, double size, XColor color, XStringFormat format) =>
            G.DrawString(text, face.At(size), new XSolidBrush(color), x, baseline, format);

        /// <summary>A web address on one line (shrunk to fit, never broken), centred in <paramref name="box"/>, as a link.</summary>
        public void Link(Uri url, XRect box, PdfFace face, XColor color, double maxSize)
        {
            var text = url.AbsoluteUri;
            var size = Math.Min(maxSize, box.Width / Math.Max(Width(face, text, 1), 0.001));
            var width = Width(face, text, size);
            var (ascent, descent) = face.Extent();
            var baseline = box.Top + (box.Height + (ascent - descent) * size) / 2;
            var area = new XRect(box.Center.X - width / 2, baseline - ascent * size, width, (ascent + descent) * size);
            pdf.Link(url, area, g =>
            {
                g.DrawString(text, face.At(size), new XSolidBrush(color), box.Center.X, baseline, XStringFormats.BaseLineCenter);
                g.DrawLine(new XPen(color, Math.Max(0.4, size / 16)), area.Left, baseline + size * 0.12, area.Right, baseline + size * 0.12);
            });
        }

        /// <summary>
        /// Draws text inside <paramref name="box"/>: on one line at the largest size from <paramref name="maxSize"/> down
        /// to <paramref name="minSize"/>, else over up to <paramref name="maxLines"/> lines, else smaller still. It never
        /// leaves the box, whatever the length of a name or a course title.
        /// </summary>
        public void Fitted(string text, XRect box, PdfFace face, XColor color, double maxSize, double minSize, int maxLines,
            XStringAlignment align = XStringAlignment.Center, double? baseline = null)
        {
            var layout = TextFit.Fit(text, box.Width, box.Height, face, maxSize, minSize, maxLines);
            var font = face.At(layout.Size);
            var brush = new XSolidBrush(color);
            var x = align switch
            {
                XStringAlignment.Near => box.Left,
                XStringAlignment.Far => box.Right,
                _ => box.Center.X,
            };
            var format = new XStringFormat { Alignment = align, LineAlignment = XLineAlignment.BaseLine };
            var (ascent, descent) = face.Extent();
            var lineHeight = layout.Size * TextFit.LineSpacing;
            var blockHeight = (layout.Lines.Count - 1) * lineHeight + (ascent + descent) * layout.Size;
            var first = baseline ?? box.Center.Y - blockHeight / 2 + ascent * layout.Size;
            for (var i = 0; i < layout.Lines.Count; i++)
            {
                // A space ends every line but the last, so a reader joining the lines keeps the words apart.
                var line = i < layout.Lines.Count - 1 ? layout.Lines[i] + " " : layout.Lines[i];
                G.DrawString(line, font, brush, x, first + i * lineHeight, format);
            }
        }
    }

    private static double Width(PdfFace face, string text, double size) => TextFit.Measure(face, text) * size;

    private static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    private static string HoursPhrase(decimal hours) => hours == 1 ? "1 contact hour" : $"{Hours(hours)} contact hours";
    internal sealed record FittedText(double Size, IReadOnlyList<string> Lines);

    internal static partial class TextFit
    {
        public const double LineSpacing = 1.15;
        private const double ReferenceSize = 100;
        private static readonly Lock MeasureGate = new();
        private static XGraphics? _measure;

        /// <summary>The width of <paramref name="text"/> at one point of size.</summary>
        public static double Measure(PdfFace face, string text)
        {
            if (text.Length == 0)
            {
                return 0;
            }
            lock (MeasureGate)
            {
                _measure ??= XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
                return _measure.MeasureString(text, face.At(ReferenceSize)).Width / ReferenceSize;
            }
        }

        public static FittedText Fit(string text, double width, double height, PdfFace face, double maxSize, double minSize, int maxLines)
        {
            var pieces = Pieces(text.Trim());
            if (pieces.Length == 0)
            {
                return new FittedText(maxSize, []);
            }
            var (ascent, descent) = face.Extent();
            var glyphHeight = ascent + descent; // per point of size
            var widths = pieces.Select(p => Measure(face, p)).ToArray();
            var trimmedWidths = pieces.Select(p => Measure(face, p.TrimEnd())).ToArray();

            double HeightAt(double size, int lines) => size * ((lines - 1) * LineSpacing + glyphHeight);

            // Fewest lines first; within a line count, the break whose widest line is narrowest, at the largest size
            // that fits the box. Widths scale with size, so each line count needs one measurement, not a search.
            List<Range> lines = [];
            var size = 0.0;
            for (var count = 1; count <= Math.Min(maxLines, pieces.Length); count++)
            {
                lines = BalancedBreak(widths, trimmedWidths, count);
                var widest = lines.Max(line => LineWidth(widths, trimmedWidths, line));
                size = Math.Min(maxSize, Math.Min(width / Math.Max(widest, 0.001), height / HeightAt(1, lines.Count)));
                if (size >= minSize)
                {
                    break;
                }
            }
            return new FittedText(size, Join(pieces, lines));
        }

        /// <summary>Pieces keep their trailing space, so joining them gives the text back.</summary>
        private static string[] Pieces(string text) => WordBreak().Split(text).Where(p => p.Length > 0).ToArray();

        private static double LineWidth(double[] widths, double[] trimmed, Range line)
        {
            var (start, length) = line.GetOffsetAndLength(widths.Length);
            var sum = 0.0;
            for (var i = start; i < start + length - 1; i++)
            {
                sum += widths[i];
            }
            return sum + trimmed[start + length - 1];
        }

        /// <summary>Greedy line filling at a width measured in text units of one point; null if it needs more lines.</summary>
        private static List<Range>? Break(double[] widths, double[] trimmed, double width, int maxLines)
        {
            var lines = new List<Range>();
            var start = 0;
            while (start < widths.Length)
            {
                var end = start + 1;
                if (trimmed[start] > width)
                {
                    return null;
                }
                while (end < widths.Length && LineWidth(widths, trimmed, start..(end + 1)) <= width)
                {
                    end++;
                }
                lines.Add(start..end);
                if (lines.Count > maxLines)
                {
                    return null;
                }
                start = end;
            }
            return lines;
        }

        /// <summary>The split into at most <paramref name="maxLines"/> lines whose widest line is narrowest (at least one piece).</summary>
        private static List<Range> BalancedBreak(double[] widths, double[] trimmed, int maxLines)
        {
            var low = trimmed.Max();
            var high = LineWidth(widths, trimmed, 0..widths.Length);
            List<Range> best = Break(widths, trimmed, high, maxLines) ?? [0..widths.Length];
            for (var step = 0; step < 30 && high - low > 0.001; step++)
            {
                var mid = (low + high) / 2;
                var attempt = Break(widths, trimmed, mid, maxLines);
                if (attempt is null)
                {
                    low = mid;
                }
                else
                {
                    best = attempt;
                    high = mid;
                }
            }
            return best;
        }

        private static List<string> Join(string[] pieces, IEnumerable<Range> lines) =>
            lines.Select(r => string.Concat(pieces[r]).TrimEnd()).ToList();

        [GeneratedRegex(@"(?<=\s)(?=\S)")]
        private static partial Regex WordBreak();
    }
}
