using System.Security.Cryptography;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.UniversalAccessibility;

namespace TrainingHub.PdfLayout;

/// <summary>
/// A tagged, archival PDF (PDF/A-2b with a PDF/UA-style structure tree) made with PDFsharp: document language, a
/// structure tree the text is drawn into in reading order, an sRGB OutputIntent (PDFsharp's, from <c>SetPdfA</c>) and
/// XMP metadata (ours), fonts embedded as subsets. The same content gives the same bytes. docs/decisions/0018-tagged-archival-pdfs-with-pdfsharp.md says why.
/// </summary>
internal sealed class ArchivalPdf : IDisposable
{
    public const string Language = "en-US";

    private readonly PdfDocument _document = new();
    private readonly UAManager _tags;
    private readonly DateTime _created;
    private readonly string _identity;
    private XGraphics? _graphics;
    private readonly string _language;

    /// <param name="identity">What makes this document this document (its content); seeds the ids a PDF carries.</param>
    /// <param name="created">The date the document is of (a completion date, a generation time): written as its creation date, never "now", so a retry gives the same bytes.</param>
    /// <param name="language">The document's language (<c>/Lang</c> and the XMP <c>dc:language</c>): "en-US", "es".</param>
    public ArchivalPdf(string title, string author, string subject, DateTime created, string identity, string language = Language)
    {
        _language = language;
        PdfFonts.EnsureResolver();
        _created = DateTime.SpecifyKind(created, DateTimeKind.Utc);
        _identity = identity;
        _document.Info.Title = title;
        _document.Info.Author = author;
        _document.Info.Subject = subject;
        _document.Info.Creator = "TrainingHub";
        _document.Info.CreationDate = _created;
        _document.Info.ModificationDate = _created;
        _document.ViewerPreferences.DisplayDocTitle = true;
        _tags = UAManager.ForDocument(_document);
        _tags.SetDocumentLanguage(_language);
        // PDFsharp's deflate leaves page content streams without their final block (qpdf warns); these are small.
        _document.Options.CompressContentStreams = false;
    }

    public StructureBuilder Tags => _tags.StructureBuilder;

    public XGraphics Graphics => _graphics ?? throw new InvalidOperationException("Add a page first.");

    public PdfPage Page { get; private set; } = null!;

    public void AddPage(double width, double height)
    {
        _graphics?.Dispose();
        Page = _document.AddPage();
        Page.Width = XUnit.FromPoint(width);
        Page.Height = XUnit.FromPoint(height);
        _graphics = XGraphics.FromPdfPage(Page);
    }

    /// <summary>Draws <paramref name="draw"/> as an artifact: decoration a screen reader skips (borders, rules, shading).</summary>
    public void Artifact(Action<XGraphics> draw)
    {
        Tags.BeginArtifact();
        draw(Graphics);
        Tags.End();
    }

    /// <summary>
    /// A web link over <paramref name="box"/> (top-left origin, points), tagged as a Link element that holds both the
    /// annotation and the text <paramref name="drawText"/> draws, so a screen reader reads it as one link.
    /// </summary>
    public void Link(Uri url, XRect box, Action<XGraphics> drawText)
    {
        var height = Page.Height.Point;
        var area = new PdfRectangle(new XPoint(box.Left, height - box.Bottom), new XPoint(box.Right, height - box.Top));
        var link = PdfLinkAnnotation.CreateWebLink(area, url.AbsoluteUri);
        link.Elements.SetString("/NM", "link-" + Page.Annotations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        link.Elements.SetDateTime("/M", _created);
        link.Elements.SetInteger("/F", (int)PdfAnnotationFlags.Print); // PDF/A: annotations print
        link.Elements.SetValue("/Border", new PdfArray(_document, new PdfInteger(0), new PdfInteger(0), new PdfInteger(0)));
        Tags.BeginElement(link, url.AbsoluteUri);
        drawText(Graphics);
        Tags.End();
    }

    public byte[] Save()
    {
        _graphics?.Dispose();
        _graphics = null;
        _document.SetPdfA();
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(_identity));
        var fileId = Encoding.Latin1.GetString(seed, 0, 16);
        _document.Internals.FirstDocumentID = fileId;
        _document.Internals.SecondDocumentID = fileId;
        NameFontSubsets(seed);

        using var output = new MemoryStream();
        _document.Save(output, closeStream: false);
        var metadata = _document.Internals.Catalog.Elements.GetReference("/Metadata")
            ?? throw new InvalidOperationException("PDFsharp wrote no XMP metadata; check the archival PDF settings after an upgrade.");
        return ReplaceObject(output.ToArray(), metadata.ObjectNumber, MetadataObject(metadata.ObjectNumber, seed));
    }

    /// <summary>
    /// The XMP packet, ours rather than PDFsharp's: PDFsharp 6.2 writes its packet without escaping XML ("IC&amp;RC" makes it
    /// unreadable), with random ids, and claims PDF/A-1a, a part a PDF 1.7 file cannot be. This one mirrors the document
    /// information dictionary (as PDF/A requires), takes its ids from the content and claims PDF/A-2b.
    /// </summary>
    private byte[] MetadataObject(int objectNumber, byte[] seed)
    {
        static string X(string? text) => System.Security.SecurityElement.Escape(text ?? "");
        var date = _created.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
        var info = _document.Info;
        var xmp = $"""
            <?xpacket begin="{'\uFEFF'}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
               <dc:format>application/pdf</dc:format>
               <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{X(info.Title)}</rdf:li></rdf:Alt></dc:title>
               <dc:creator><rdf:Seq><rdf:li>{X(info.Author)}</rdf:li></rdf:Seq></dc:creator>
               <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{X(info.Subject)}</rdf:li></rdf:Alt></dc:description>
               <dc:language><rdf:Bag><rdf:li>{_language}</rdf:li></rdf:Bag></dc:language>
               <xmp:CreatorTool>{X(info.Creator)}</xmp:CreatorTool>
               <xmp:CreateDate>{date}</xmp:CreateDate>
               <xmp:ModifyDate>{date}</xmp:ModifyDate>
               <xmp:MetadataDate>{date}</xmp:MetadataDate>
               <pdf:Producer>{X(info.Producer)}</pdf:Producer>
               <xmpMM:DocumentID>uuid:{new Guid(seed.AsSpan(0, 16))}</xmpMM:DocumentID>
               <xmpMM:InstanceID>uuid:{new Guid(seed.AsSpan(16, 16))}</xmpMM:InstanceID>
               <pdfaid:part>2</pdfaid:part>
               <pdfaid:conformance>B</pdfaid:conformance>
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """;
        var packet = Encoding.UTF8.GetBytes(xmp.ReplaceLineEndings("\n"));
        var head = Encoding.ASCII.GetBytes($"{objectNumber} 0 obj\n<</Type/Metadata/Subtype/XML/Length {packet.Length}>>\nstream\n");
        return [.. head, .. packet, .. "\nendstream\nendobj\n"u8];
    }

    /// <summary>
    /// Puts <paramref name="replacement"/> in place of object <paramref name="objectNumber"/> and moves the offsets in the
    /// cross-reference table (PDFsharp writes a classic table) and <c>startxref</c> by the difference in length.
    /// </summary>
    private static byte[] ReplaceObject(byte[] pdf, int objectNumber, byte[] replacement)
    {
        var start = IndexOf(pdf, Encoding.ASCII.GetBytes($"\n{objectNumber} 0 obj"), 0) + 1;
        var end = IndexOf(pdf, "endobj"u8.ToArray(), start) + "endobj".Length;
        while (end < pdf.Length && (pdf[end] == '\n' || pdf[end] == '\r')) end++;
        if (start <= 0 || end <= start)
        {
            throw new InvalidOperationException($"Object {objectNumber} was not found in the PDF PDFsharp wrote.");
        }
        var delta = replacement.Length - (end - start);
        var text = Encoding.Latin1.GetString([.. pdf[..start], .. replacement, .. pdf[end..]]);

        var xref = text.LastIndexOf("\nxref\n", StringComparison.Ordinal) + 1;
        var entries = System.Text.RegularExpressions.Regex.Replace(text[xref..], @"(?m)^(\d{10}) (\d{5}) n", m =>
        {
            var offset = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return (offset > start ? offset + delta : offset).ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + " " + m.Groups[2].Value + " n";
        });
        entries = System.Text.RegularExpressions.Regex.Replace(entries, @"startxref\s+\d+", "startxref\n" + (xref).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Encoding.Latin1.GetBytes(text[..xref] + entries);
    }

    /// <summary>
    /// A subset font's name starts with a tag of six capitals that PDFsharp draws at random; a tag from the content
    /// keeps the bytes the same from one rendering to the next.
    /// </summary>
    private void NameFontSubsets(byte[] seed)
    {
        foreach (var item in _document.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary dictionary)
            {
                continue;
            }
            foreach (var key in (string[])["/BaseFont", "/FontName"])
            {
                var name = dictionary.Elements.GetName(key);
                var plus = name.IndexOf('+', StringComparison.Ordinal);
                if (plus == 7)
                {
                    var face = name[(plus + 1)..];
                    var hash = SHA256.HashData([.. seed, .. Encoding.UTF8.GetBytes(face)]);
                    var tag = new string(hash.Take(6).Select(b => (char)('A' + b % 26)).ToArray());
                    dictionary.Elements.SetName(key, "/" + tag + "+" + face);
                }
            }
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from) =>
        from < 0 ? -1 : haystack.AsSpan(from).IndexOf(needle) is var i and >= 0 ? from + i : -1;

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }
}
