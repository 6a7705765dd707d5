using SkiaSharp;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Credentials.OutsideCertificates;

/// <summary>
/// Looks inside an uploaded file rather than trusting its first bytes: a PDF is parsed (PdfPig) and refused when it carries
/// JavaScript, a launch action or embedded files, or cannot be read; a picture's dimensions are read by SkiaSharp and
/// refused above the configured size. Returns the problem in words a trainee understands, or null when the file is fine.
/// </summary>
public static class UploadedFileCheck
{
    private const string Remedy = "Print or save the certificate again as a plain PDF, or take a photo of it, and upload that.";

    public static string? Problem(OutsideCertificateFileKind kind, byte[] content, CredentialOptions options) => kind switch
    {
        OutsideCertificateFileKind.Pdf => PdfProblem(content),
        _ => PictureProblem(content, options),
    };

    private static string? PdfProblem(byte[] content)
    {
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = false });
            if (document.NumberOfPages < 1) return Unreadable;
            var found = new Scan(document.Structure);
            found.Visit(document.Structure.Trailer.Root is { } root ? new IndirectReferenceToken(root) : null);
            foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys) found.Visit(new IndirectReferenceToken(reference));
            return found.JavaScript ? $"This PDF has a program (JavaScript) in it that would run when it is opened, so it cannot be accepted. {Remedy}"
                : found.Launch ? $"This PDF tries to open another program when it is opened, so it cannot be accepted. {Remedy}"
                : found.EmbeddedFiles ? $"This PDF has other files attached inside it, so it cannot be accepted. {Remedy}"
                : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Unreadable;
        }
    }

    private const string Unreadable = "This PDF could not be opened: it may be damaged or unfinished. " + Remedy;

    /// <summary>Every object the file holds, reached once each; names are compared after the parser decoded them (/J#53 is /JS).</summary>
    private sealed class Scan(UglyToad.PdfPig.Structure structure)
    {
        private readonly HashSet<UglyToad.PdfPig.Core.IndirectReference> _seen = [];
        private int _depth;

        public bool JavaScript { get; private set; }
        public bool Launch { get; private set; }
        public bool EmbeddedFiles { get; private set; }

        public void Visit(IToken? token)
        {
            if (token is null || _depth > 64) return;
            _depth++;
            try
            {
                switch (token)
                {
                    case IndirectReferenceToken reference when _seen.Add(reference.Data):
                        Visit(structure.GetObject(reference.Data).Data);
                        break;
                    case DictionaryToken dictionary:
                        foreach (var (key, value) in dictionary.Data)
                        {
                            Name(key);
                            Visit(value);
                        }
                        break;
                    case StreamToken stream:
                        Visit(stream.StreamDictionary);
                        break;
                    case ArrayToken array:
                        foreach (var item in array.Data) Visit(item);
                        break;
                    case NameToken name:
                        Name(name.Data);
                        break;
                }
            }
            finally
            {
                _depth--;
            }
        }

        private void Name(string name)
        {
            switch (name)
            {
                case "JS" or "JavaScript":
                    JavaScript = true;
                    break;
                case "Launch":
                    Launch = true;
                    break;
                case "EmbeddedFiles" or "EmbeddedFile" or "EF":
                    EmbeddedFiles = true;
                    break;
            }
        }
    }

    private static string? PictureProblem(byte[] content, CredentialOptions options)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null) return "This picture could not be opened: it may be damaged. Take the photo again, or scan the certificate as a PDF, and upload that.";
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var maxSide = options.OutsideCertificateMaxImageSide;
        var maxMegapixels = options.OutsideCertificateMaxImageMegapixels;
        if (width <= maxSide && height <= maxSide && (long)width * height <= maxMegapixels * 1_000_000L) return null;
        return $"This picture is {width:N0} × {height:N0} pixels; the most the institute accepts is {maxSide:N0} pixels on a side and " +
               $"{maxMegapixels} megapixels in all. Take the photo again at a lower resolution, or scan the certificate as a PDF, and upload that.";
    }
}
