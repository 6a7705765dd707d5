using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using QRCoder;
using SkiaSharp;

namespace TrainingHub.PdfLayout;

/// <summary>
/// Renders a certificate of completion as a one-page landscape US Letter PDF. Text is real text in embedded fonts,
/// so boards can search and copy it; the QR code is vector squares, so it scans at any print size.
/// The same content always gives the same bytes.
/// </summary>
public static partial class CertificatePdf
{
    public const float PageWidth = 792;  // 11 in at 72 pt per inch
    public const float PageHeight = 612; // 8.5 in

    private static readonly SKColor Ink = new(0x1F, 0x29, 0x33);
    private static readonly SKColor Muted = new(0x52, 0x60, 0x6D);
    private static readonly SKColor Accent = new(0x1D, 0x35, 0x57);
    private static readonly SKColor RuleColor = new(0x9A, 0xA5, 0xB1);

    private const float CenterX = PageWidth / 2;
    private const float BodyLeft = 96;
    private const float QrSize = 112;
    private const float QrCenterX = 650;

    public static byte[] Render(CertificateContent certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Validate(certificate);
        certificate = Composed(certificate);

        using var output = new SKDynamicMemoryWStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"Certificate of Completion: {certificate.TraineeFullName}, {certificate.CourseTitle}",
            Author = certificate.InstituteName,
            Subject = certificate.CourseTitle,
            Creator = "TrainingHub",
        };
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            Draw(canvas, certificate);
            document.EndPage();
            document.Close();
        }
        using var data = output.DetachAsData();
        return data.ToArray();
    }

    /// <summary>
    /// Text is drawn glyph by glyph without shaping, so an "é" typed as "e" plus a combining accent would print the
    /// accent beside the letter; the composed form prints one glyph.
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

    private static void Draw(SKCanvas canvas, CertificateContent c)
    {
        var date = c.CompletedOn.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        var page = new Page(canvas);

        canvas.Clear(SKColors.White);
        page.Border();

        page.Fitted(c.InstituteName, new SKRect(120, 60, 672, 84), PdfFonts.Bold, Muted, 13, 7, 1);
        page.Line("Certificate of Completion", CenterX, 124, PdfFonts.Display, 34, Accent, SKTextAlign.Center);
        page.Rule(346, 446, 141, Accent, 1);

        page.Line("This certifies that", CenterX, 171, PdfFonts.Regular, 13, Muted, SKTextAlign.Center);
        page.Fitted(c.TraineeFullName, new SKRect(116, 180, 676, 232), PdfFonts.Display, Ink, 32, 18, 2);
        page.Rule(216, 576, 239, RuleColor, 0.75f);
        page.Line("has completed", CenterX, 262, PdfFonts.Regular, 13, Muted, SKTextAlign.Center);
        page.Fitted(c.CourseTitle, new SKRect(116, 270, 676, 318), PdfFonts.Bold, Ink, 20, 12, 2);
        var hoursAndDelivery = string.IsNullOrWhiteSpace(c.DeliveryMode) ? HoursPhrase(c.CourseHours) : $"{HoursPhrase(c.CourseHours)}  ·  {c.DeliveryMode}";
        page.Fitted(hoursAndDelivery, new SKRect(116, 327, 676, 345), PdfFonts.Regular, Ink, 12, 7, 1);

        page.Table("Hours by credential domain", c.HoursByDomain.Select(d => (d.Key, Hours(d.Value))).ToList(), BodyLeft, 356);
        page.Table("Approved provider numbers", c.ProviderNumbersByBoard.Select(p => (p.Key, p.Value)).ToList(), 384, 560);

        page.SignatureBlock(c.SignatoryName, c.SignatoryTitle, BodyLeft, 316, PdfFonts.Display, 14);
        page.SignatureBlock(date, "Date of completion", 350, 540, PdfFonts.Regular, 12);

        page.Line("Verify this certificate", QrCenterX, 384, PdfFonts.Regular, 8, Muted, SKTextAlign.Center);
        page.QrCode(c.VerificationUrl.AbsoluteUri, new SKRect(QrCenterX - QrSize / 2, 390, QrCenterX + QrSize / 2, 390 + QrSize));
        page.Fitted(c.VerificationCode, new SKRect(QrCenterX - 80, 507, QrCenterX + 80, 521), PdfFonts.Bold, Ink, 9.5f, 5, 1);
        page.Fitted(c.VerificationUrl.AbsoluteUri, new SKRect(QrCenterX - 80, 523, QrCenterX + 80, 548), PdfFonts.Regular, Muted, 7, 6, 2, breakAfterSlash: true);
    }

    private sealed class Page(SKCanvas canvas)
    {
        public void Border()
        {
            using var outer = Stroke(Accent, 2);
            canvas.DrawRect(24, 24, PageWidth - 48, PageHeight - 48, outer);
            using var inner = Stroke(Accent, 0.75f);
            canvas.DrawRect(30, 30, PageWidth - 60, PageHeight - 60, inner);
        }

        public void Rule(float left, float right, float y, SKColor color, float width)
        {
            using var paint = Stroke(color, width);
            canvas.DrawLine(left, y, right, y, paint);
        }

        public void Table(string heading, IReadOnlyList<(string Label, string Value)> rows, float left, float right)
        {
            if (rows.Count == 0)
            {
                return;
            }
            const float headingBaseline = 378;
            const float rowsTop = 384;
            const float rowsBottom = 490;
            const float gap = 10;
            Fitted(heading, new SKRect(left, headingBaseline - 11, right, headingBaseline + 3), PdfFonts.Bold, Muted, 9.5f, 6, 1);

            // Rows shrink together, never spilling into the signature line, however many domains a course has.
            var rowHeight = Math.Min(15f, (rowsBottom - rowsTop) / rows.Count);
            var size = rowHeight * 0.63f;
            for (var i = 0; i < rows.Count; i++)
            {
                var bottom = rowsTop + (i + 1) * rowHeight;
                var baseline = bottom - rowHeight * 0.3f;
                var labelWidth = Width(PdfFonts.Regular, rows[i].Label, size);
                var valueWidth = Width(PdfFonts.Regular, rows[i].Value, size);
                // A row too long for the column shrinks as a whole, so its label and value stay the same size.
                var scale = Math.Min(1f, (right - left - gap) / Math.Max(labelWidth + valueWidth, 0.001f));
                var rowSize = size * scale;
                valueWidth *= scale;
                Fitted(rows[i].Value, new SKRect(right - valueWidth, bottom - rowHeight, right, bottom), PdfFonts.Regular, Ink, rowSize, 1, 1, SKTextAlign.Right, baseline);
                Fitted(rows[i].Label, new SKRect(left, bottom - rowHeight, right - valueWidth - gap, bottom), PdfFonts.Regular, Ink, rowSize, 1, 1, SKTextAlign.Left, baseline);
                Rule(left, right, bottom, RuleColor, 0.5f);
            }
        }

        public void SignatureBlock(string above, string below, float left, float right, PdfFace aboveFace, float aboveSize)
        {
            const float lineY = 522;
            Rule(left, right, lineY, Ink, 0.75f);
            Fitted(above, new SKRect(left, lineY - 24, right, lineY - 4), aboveFace, Ink, aboveSize, 1, 1, SKTextAlign.Left, lineY - 7);
            Fitted(below, new SKRect(left, lineY + 4, right, lineY + 30), PdfFonts.Regular, Muted, 9, 5, 2, SKTextAlign.Left);
        }

        /// <summary>Draws the QR code, quiet zone included, inside <paramref name="box"/>.</summary>
        public void QrCode(string payload, SKRect box)
        {
            // Medium error correction survives a crease or a smudge on a printed copy without making the code dense.
            using var qr = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
            var matrix = qr.ModuleMatrix; // four light modules of quiet zone on each side are part of the matrix
            var modules = matrix.Count;
            var module = Math.Min(box.Width, box.Height) / modules;

            using var light = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill };
            canvas.DrawRect(box.Left, box.Top, modules * module, modules * module, light);

            // One path for all dark modules: a rasteriser fills it in one pass, leaving no hairline seams between squares.
            using var path = new SKPath();
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
                    path.AddRect(new SKRect(box.Left + start * module, box.Top + row * module, box.Left + column * module, box.Top + (row + 1) * module));
                }
            }
            using var dark = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill, IsAntialias = false };
            canvas.DrawPath(path, dark);
        }

        public void Line(string text, float x, float baseline, PdfFace face, float size, SKColor color, SKTextAlign align)
        {
            using var font = NewFont(face.For(text), size);
            using var paint = new SKPaint { Color = color, IsAntialias = true };
            canvas.DrawText(text, x, baseline, align, font, paint);
        }

        /// <summary>
        /// Draws text inside <paramref name="box"/>: on one line at the largest size from <paramref name="maxSize"/> down
        /// to <paramref name="minSize"/>, else over up to <paramref name="maxLines"/> lines, else smaller still. It never
        /// leaves the box, whatever the length of a name or a course title.
        /// </summary>
        public void Fitted(string text, SKRect box, PdfFace face, SKColor color, float maxSize, float minSize, int maxLines,
            SKTextAlign align = SKTextAlign.Center, float? baseline = null, bool breakAfterSlash = false)
        {
            var typeface = face.For(text);
            var layout = TextFit.Fit(text, box.Width, box.Height, typeface, maxSize, minSize, maxLines, breakAfterSlash);
            using var font = NewFont(typeface, layout.Size);
            using var paint = new SKPaint { Color = color, IsAntialias = true };
            var x = align switch
            {
                SKTextAlign.Left => box.Left,
                SKTextAlign.Right => box.Right,
                _ => box.MidX,
            };
            var metrics = font.Metrics;
            var lineHeight = layout.Size * TextFit.LineSpacing;
            var blockHeight = (layout.Lines.Count - 1) * lineHeight + (metrics.Descent - metrics.Ascent);
            var first = baseline ?? box.MidY - blockHeight / 2 - metrics.Ascent;
            for (var i = 0; i < layout.Lines.Count; i++)
            {
                canvas.DrawText(layout.Lines[i], x, first + i * lineHeight, align, font, paint);
            }
        }
    }

    private static float Width(PdfFace face, string text, float size)
    {
        using var font = NewFont(face.For(text), size);
        return font.MeasureText(text);
    }

    private static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    private static string HoursPhrase(decimal hours) => hours == 1 ? "1 contact hour" : $"{Hours(hours)} contact hours";

    private static SKPaint Stroke(SKColor color, float width) =>
        new() { Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = width, IsAntialias = true };

    private static SKFont NewFont(SKTypeface typeface, float size) =>
        // Unhinted, linear metrics: widths scale exactly with size, which the fitting below relies on.
        new(typeface, size) { Hinting = SKFontHinting.None, LinearMetrics = true, Subpixel = true, Edging = SKFontEdging.SubpixelAntialias };

    internal sealed record FittedText(float Size, IReadOnlyList<string> Lines);

    internal static partial class TextFit
    {
        public const float LineSpacing = 1.15f;
        private const float ReferenceSize = 100;

        public static FittedText Fit(string text, float width, float height, SKTypeface typeface, float maxSize, float minSize, int maxLines, bool breakAfterSlash)
        {
            var pieces = Pieces(text.Trim(), breakAfterSlash);
            if (pieces.Length == 0)
            {
                return new FittedText(maxSize, []);
            }
            using var font = NewFont(typeface, ReferenceSize);
            var metrics = font.Metrics;
            var glyphHeight = (metrics.Descent - metrics.Ascent) / ReferenceSize; // per point of size
            var widths = pieces.Select(p => font.MeasureText(p) / ReferenceSize).ToArray();
            var trimmedWidths = pieces.Select(p => font.MeasureText(p.TrimEnd()) / ReferenceSize).ToArray();

            float HeightAt(float size, int lines) => size * ((lines - 1) * LineSpacing + glyphHeight);

            // Fewest lines first; within a line count, the break whose widest line is narrowest, at the largest size
            // that fits the box. Widths scale with size, so each line count needs one measurement, not a search.
            List<Range> lines = [];
            var size = 0f;
            for (var count = 1; count <= Math.Min(maxLines, pieces.Length); count++)
            {
                lines = BalancedBreak(widths, trimmedWidths, count);
                var widest = lines.Max(line => LineWidth(widths, trimmedWidths, line));
                size = Math.Min(maxSize, Math.Min(width / Math.Max(widest, 0.001f), height / HeightAt(1, lines.Count)));
                if (size >= minSize)
                {
                    break;
                }
            }
            return new FittedText(size, Join(pieces, lines));
        }

        /// <summary>Pieces keep their trailing space (or slash), so joining them gives the text back.</summary>
        private static string[] Pieces(string text, bool breakAfterSlash)
        {
            var words = WordBreak().Split(text).Where(p => p.Length > 0);
            return breakAfterSlash ? words.SelectMany(w => SlashBreak().Split(w)).Where(p => p.Length > 0).ToArray() : words.ToArray();
        }

        private static float LineWidth(float[] widths, float[] trimmed, Range line)
        {
            var (start, length) = line.GetOffsetAndLength(widths.Length);
            var sum = 0f;
            for (var i = start; i < start + length - 1; i++)
            {
                sum += widths[i];
            }
            return sum + trimmed[start + length - 1];
        }

        /// <summary>Greedy line filling at a width measured in text units of one point; null if it needs more lines.</summary>
        private static List<Range>? Break(float[] widths, float[] trimmed, float width, int maxLines)
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
        private static List<Range> BalancedBreak(float[] widths, float[] trimmed, int maxLines)
        {
            var low = trimmed.Max();
            var high = LineWidth(widths, trimmed, 0..widths.Length);
            List<Range> best = Break(widths, trimmed, high, maxLines) ?? [0..widths.Length];
            for (var step = 0; step < 30 && high - low > 0.001f; step++)
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

        [GeneratedRegex(@"(?<=/)(?!/)")]
        private static partial Regex SlashBreak();
    }
}
