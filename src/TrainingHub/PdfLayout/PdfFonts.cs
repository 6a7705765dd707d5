using SkiaSharp;

namespace TrainingHub.PdfLayout;

/// <summary>
/// The faces a certificate is set in: DejaVu fonts embedded in this assembly (licence in Fonts/), so a certificate
/// looks the same on a fresh server as on a developer's machine, whatever fonts the machine has.
/// </summary>
internal static class PdfFonts
{
    public static readonly PdfFace Regular = new("DejaVuSans");
    public static readonly PdfFace Bold = new("DejaVuSans-Bold");

    /// <summary>The serif face for the title, the trainee's name and the signatory.</summary>
    public static readonly PdfFace Display = new("DejaVuSerif-Bold");
}

/// <summary>
/// One face in three sizes of character set. The PDF embeds every font file it uses whole (SkiaSharp's PDF backend
/// does not subset), so each text is set in the smallest file that has all its characters: a full DejaVu face would
/// add hundreds of kilobytes and tens of milliseconds to every certificate.
/// </summary>
internal sealed class PdfFace(string fileName)
{
    private readonly Lazy<SKTypeface> _latin = new(() => Load(fileName + "-Latin.ttf"));
    private readonly Lazy<SKTypeface> _wide = new(() => Load(fileName + "-Wide.ttf"));
    private readonly Lazy<SKTypeface> _full = new(() => Load(fileName + ".ttf"));

    public SKTypeface For(string text) =>
        _latin.Value.ContainsGlyphs(text) ? _latin.Value
        : _wide.Value.ContainsGlyphs(text) ? _wide.Value
        : _full.Value;

    private static SKTypeface Load(string fileName)
    {
        var name = "TrainingHub.PdfLayout.Fonts." + fileName;
        using var resource = typeof(PdfFace).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in {typeof(PdfFace).Assembly.GetName().Name}.");
        // Copied into native memory rather than SKTypeface.FromStream over the resource stream: the PDF backend reads
        // the font again for every certificate, and reads through a managed stream cross into .NET on each call.
        using var data = SKData.Create(resource);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"The embedded font {name} could not be read.");
    }
}
