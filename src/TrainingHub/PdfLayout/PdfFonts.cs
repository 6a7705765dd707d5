using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace TrainingHub.PdfLayout;

/// <summary>
/// The faces certificates and packets are set in: DejaVu fonts embedded in this assembly (licence in Fonts/), so a PDF
/// looks the same on a fresh server as on a developer's machine, whatever fonts the machine has. PDFsharp embeds only
/// the glyphs a document uses, so one full face per style is enough.
/// </summary>
internal static class PdfFonts
{
    public static readonly PdfFace Regular = new("DejaVuSans");
    public static readonly PdfFace Bold = new("DejaVuSans-Bold");

    /// <summary>The serif face for the title, the trainee's name and the signatory.</summary>
    public static readonly PdfFace Display = new("DejaVuSerif-Bold");

    private static readonly Lock Gate = new();

    /// <summary>PDFsharp's font resolver is process-wide; it is set once, to the embedded faces only.</summary>
    public static void EnsureResolver()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFaces)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFaces();
            }
        }
    }

    private sealed class EmbeddedFaces : IFontResolver
    {
        private static readonly HashSet<string> Files = ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif-Bold"];

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            Files.Contains(familyName) ? new FontResolverInfo(familyName) : null;

        public byte[]? GetFont(string faceName)
        {
            var name = "TrainingHub.PdfLayout.Fonts." + faceName + ".ttf";
            using var resource = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The font {name} is not embedded in {typeof(PdfFonts).Assembly.GetName().Name}.");
            using var copy = new MemoryStream();
            resource.CopyTo(copy);
            return copy.ToArray();
        }
    }
}

/// <summary>One embedded face, in Unicode encoding (so every script DejaVu has prints, and text extracts as typed).</summary>
internal sealed class PdfFace(string fileName)
{
    public XFont At(double size)
    {
        PdfFonts.EnsureResolver();
        return new XFont(fileName, size, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }

    /// <summary>Height from the baseline to the top of the tallest glyph, and below it, per point of size.</summary>
    public (double Ascent, double Descent) Extent()
    {
        var metrics = At(100).Metrics;
        return (metrics.Ascent / (double)metrics.UnitsPerEm, metrics.Descent / (double)metrics.UnitsPerEm);
    }
}
