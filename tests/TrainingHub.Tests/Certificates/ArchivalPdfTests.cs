using System.Globalization;
using System.Xml.Linq;
using TrainingHub.PdfLayout;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace TrainingHub.Tests.Certificates;

/// <summary>
/// Certificates and application packets are tagged, archival PDFs, read back by readers that did not write them:
/// poppler (pdfinfo, pdftotext, pdffonts, pdftoppm), qpdf and PdfPig.
/// </summary>
public sealed class ArchivalPdfTests
{
    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void The_certificate_is_tagged_and_its_structure_reads_in_order()
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For()));

        Assert.Matches(@"(?m)^Tagged:\s+yes$", DebianTools.Run("pdfinfo", pdf));
        var structure = DebianTools.Run("pdfinfo", "-struct-text", pdf);
        string[] readingOrder =
        [
            "MARS Peer Recovery Training Institute", "Certificate of Completion", "This certifies that", "Terry Jackson", "has completed",
            "Recovery Coach Training", "30 contact hours", "Hours by credential domain", "Advocacy", "Recovery and wellness support",
            "Approved provider numbers", "NAADAC", "Morgan Lee", "Director of Training", "March 14, 2026", "Date of completion",
            "Verify this certificate", SampleCertificate.Code, SampleCertificate.Url.AbsoluteUri,
        ];
        var positions = readingOrder.Select(text => structure.IndexOf('"' + text, StringComparison.Ordinal)).ToList();
        Assert.All(readingOrder.Zip(positions), p => Assert.True(p.Second >= 0, $"'{p.First}' is not in the structure tree:\n{structure}"));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("H1 (block)", structure);
        Assert.Contains("Table (block)", structure);
        Assert.Contains("Link (inline)", structure);

        using var document = PdfDocument.Open(File.ReadAllBytes(pdf));
        var catalog = document.Structure.Catalog.CatalogDictionary;
        Assert.Equal("en-US", Resolve<StringToken>(document, catalog.Data["Lang"]).Data);
        var markInfo = Resolve<DictionaryToken>(document, catalog.Data["MarkInfo"]);
        Assert.True(Resolve<BooleanToken>(document, markInfo.Data["Marked"]).Data);
        var elements = StructureElements(document, Resolve<DictionaryToken>(document, catalog.Data["StructTreeRoot"])).ToList();
        var figure = Assert.Single(elements, e => e.Type == "Figure");
        Assert.Equal($"QR code that opens the verification page {SampleCertificate.Url.AbsoluteUri}", figure.Alt);
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void The_certificate_identifies_as_pdfa_2b_with_xmp_metadata_an_srgb_output_intent_and_embedded_fonts()
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For("Анна Кузнецова")));

        AssertArchival(pdf, "Certificate of Completion: Анна Кузнецова, Recovery Coach Training");
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Theory]
    [InlineData("https://training.example.org/verify/7KQ2-M9XD-4TNB-0WJE-R8HC")]
    [InlineData("https://recovery-coach-training.replicating-site.example.org/institute/certificates/verify/7KQ2-M9XD-4TNB-0WJE-R8HC")]
    public void The_verification_address_is_a_link_on_one_unbroken_line(string address)
    {
        using var scratch = new ScratchFolder();
        var url = new Uri(address);
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For() with { VerificationUrl = url }));

        using var document = PdfDocument.Open(File.ReadAllBytes(pdf));
        var link = Assert.Single(document.GetPage(1).GetHyperlinks());
        Assert.Equal(url.AbsoluteUri, link.Uri);
        Assert.Equal(url.AbsoluteUri, link.Text.Trim());
        Assert.Contains(DebianTools.Run("pdftotext", "-layout", pdf, "-").Split('\n'), line => line.Trim() == url.AbsoluteUri);
    }

    /// <summary>
    /// Printed at actual size, a Letter page on A4 is centred: A4 landscape is 50 pt wider and 17 pt shorter, so the
    /// paper's edge is 25 pt further out at the sides and 8.5 pt further in at the top and bottom.
    /// </summary>
    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void The_border_is_at_least_10_mm_from_the_paper_edge_on_letter_and_on_a4()
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For()));
        DebianTools.Run("pdftoppm", "-r", "72", "-gray", "-singlefile", pdf, scratch.File("page"));
        var (left, top, right, bottom) = InkBox(File.ReadAllBytes(scratch.File("page.pgm")));
        const double tenMillimetres = 72 / 25.4 * 10;

        var letter = (Left: left, Top: top, Right: 792 - 1 - right, Bottom: 612 - 1 - bottom);
        var a4 = (Left: letter.Left + 25, Top: letter.Top - 8.5, Right: letter.Right + 25, Bottom: letter.Bottom - 8.5);

        Assert.All([letter.Left, letter.Top, letter.Right, letter.Bottom], margin => Assert.True(margin >= tenMillimetres, $"Letter: ink {margin} pt from the edge"));
        Assert.All([a4.Left, a4.Top, a4.Right, a4.Bottom], margin => Assert.True(margin >= tenMillimetres, $"A4: ink {margin} pt from the edge"));
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void The_application_packet_is_a_tagged_archival_pdf_with_headings_tables_and_linked_certificates()
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, ApplicationPacketPdf.Render(SamplePacket()));

        AssertArchival(pdf, "Application packet: Terry Jackson, IC&RC Peer Recovery");
        var structure = DebianTools.Run("pdfinfo", "-struct-text", pdf);
        Assert.Contains("H1 (block)", structure);
        Assert.Contains("H2 (block)", structure);
        Assert.Matches(@"(?m)^\s+THead$", structure);
        Assert.Matches(@"(?m)^\s+TH$", structure);
        Assert.Matches(@"(?m)^\s+TD$", structure);
        Assert.Contains("\"Applicant Terry Jackson (terry@example.org)\"", structure);
        Assert.True(structure.IndexOf("\"Requirements", StringComparison.Ordinal) < structure.IndexOf("\"Training hours by the board", StringComparison.Ordinal));
        using var document = PdfDocument.Open(File.ReadAllBytes(pdf));
        var links = document.GetPages().SelectMany(p => p.GetHyperlinks()).ToList();
        Assert.Equal(["https://training.example.org/verify/" + SampleCertificate.Code], links.Select(l => l.Uri));
        // A packet of many training lines runs over pages and every page's structure stands on its own.
        Assert.True(document.NumberOfPages >= 2);
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void A_Spanish_readers_packet_has_Spanish_labels_and_its_language_and_stays_tagged()
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, ApplicationPacketPdf.Render(SamplePacket(), TrainingHub.Localization.Words.For("es")));

        AssertArchival(pdf, "Paquete de solicitud de credencial: Terry Jackson, IC&RC Peer Recovery", "es");
        var structure = DebianTools.Run("pdfinfo", "-struct-text", pdf);
        Assert.Contains("H1 (block)", structure);
        Assert.Matches(@"(?m)^\s+TH$", structure);
        Assert.Contains("\"Solicitante Terry Jackson (terry@example.org)\"", structure);
        Assert.Contains("\"Horas de capacitación por las áreas de la junta", structure);
        Assert.DoesNotContain("\"Applicant ", structure);
        var text = DebianTools.Run("pdftotext", "-layout", pdf, "-");
        Assert.Contains("Página 1 de", text);
        Assert.Contains("Registro de práctica y supervisión", text);
        // An English packet is still the one it was: its bytes do not depend on the Spanish rendering.
        Assert.Equal(ApplicationPacketPdf.Render(SamplePacket()), ApplicationPacketPdf.Render(SamplePacket(), TrainingHub.Localization.Words.English));
    }

    [Fact]
    public void The_same_packet_renders_to_the_same_bytes()
    {
        Assert.Equal(ApplicationPacketPdf.Render(SamplePacket()), ApplicationPacketPdf.Render(SamplePacket()));
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void A_spanish_certificate_is_in_spanish_with_the_english_a_board_reads_beside_it_and_stays_tagged_and_archival()
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For(), TrainingHub.Localization.Words.For("es")));

        var text = System.Text.RegularExpressions.Regex.Replace(DebianTools.Run("pdftotext", pdf, "-"), @"\s+", " ");
        Assert.Contains("Certificado de finalización", text, StringComparison.Ordinal);
        Assert.Contains("Certificate of Completion", text, StringComparison.Ordinal);
        Assert.Contains("Se certifica que", text, StringComparison.Ordinal);
        Assert.Contains("30 horas de contacto / 30 contact hours", text, StringComparison.Ordinal);
        Assert.Contains("Horas por área de la credencial / Hours by credential domain", text, StringComparison.Ordinal);
        Assert.Contains("Fecha de finalización / Date of completion", text, StringComparison.Ordinal);
        Assert.Contains("14 de marzo de 2026 (2026-03-14)", text, StringComparison.Ordinal);
        // What a board checks is printed as issued.
        Assert.Contains("Recovery Coach Training", text, StringComparison.Ordinal);
        Assert.Contains(SampleCertificate.Code, text, StringComparison.Ordinal);
        Assert.Contains(SampleCertificate.Url.AbsoluteUri, text, StringComparison.Ordinal);
        Assert.Contains("NAADAC", text, StringComparison.Ordinal);

        Assert.Matches(@"(?m)^Tagged:\s+yes$", DebianTools.Run("pdfinfo", pdf));
        AssertArchival(pdf, "Certificado de finalización: Terry Jackson, Recovery Coach Training", "es");
        Assert.NotEqual(CertificatePdf.Render(SampleCertificate.For()), File.ReadAllBytes(pdf));
    }

    private static void AssertArchival(string pdf, string title, string language = "en-US")
    {
        Assert.Contains("No syntax or stream encoding errors found", DebianTools.Run("qpdf", "--check", pdf));
        Assert.Matches($@"(?m)^Title:\s+{System.Text.RegularExpressions.Regex.Escape(title)}$", DebianTools.Run("pdfinfo", pdf));
        var fonts = DebianTools.Run("pdffonts", pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, line => Assert.Matches(@"\s+yes\s+yes\s+yes\s+\d+\s+\d+$", line)); // embedded, subset, with a Unicode map

        using var document = PdfDocument.Open(File.ReadAllBytes(pdf));
        Assert.True(document.TryGetXmpMetadata(out var xmp));
        // The packet is UTF-8 (PdfPig's GetXDocument reads it as Latin-1, which garbles non-Latin titles).
        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xmp.GetXmlBytes().ToArray()));
        XNamespace pdfaid = "http://www.aiim.org/pdfa/ns/id/";
        Assert.Equal("2", xml.Descendants(pdfaid + "part").Single().Value);
        Assert.Equal("B", xml.Descendants(pdfaid + "conformance").Single().Value);
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        Assert.Equal(title, xml.Descendants(dc + "title").Single().Value.Trim());

        var catalog = document.Structure.Catalog.CatalogDictionary;
        var intent = Resolve<DictionaryToken>(document, Resolve<ArrayToken>(document, catalog.Data["OutputIntents"]).Data.Single());
        Assert.Equal("GTS_PDFA1", Resolve<NameToken>(document, intent.Data["S"]).Data);
        Assert.Contains("sRGB", Resolve<StringToken>(document, intent.Data["OutputConditionIdentifier"]).Data, StringComparison.Ordinal);
        Assert.IsType<StreamToken>(document.Structure.GetObject(((IndirectReferenceToken)intent.Data["DestOutputProfile"]).Data).Data);
        Assert.Equal(language, Resolve<StringToken>(document, catalog.Data["Lang"]).Data);
        Assert.Equal(language, xml.Descendants(dc + "language").Single().Value.Trim());
        Assert.True(catalog.Data.ContainsKey("StructTreeRoot"));
    }

    private sealed record Element(string Type, string? Alt);

    private static IEnumerable<Element> StructureElements(PdfDocument document, DictionaryToken node)
    {
        if (!node.Data.TryGetValue("K", out var kids))
        {
            yield break;
        }
        var resolved = kids is IndirectReferenceToken ? document.Structure.GetObject(((IndirectReferenceToken)kids).Data).Data : kids;
        IEnumerable<IToken> children = resolved is ArrayToken array ? array.Data : [resolved];
        foreach (var child in children)
        {
            var value = child is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : child;
            if (value is not DictionaryToken element || !element.Data.TryGetValue("S", out var type))
            {
                continue;
            }
            var alt = element.Data.TryGetValue("Alt", out var altToken) ? Resolve<StringToken>(document, altToken).Data : null;
            yield return new Element(((NameToken)type).Data, alt);
            foreach (var inner in StructureElements(document, element))
            {
                yield return inner;
            }
        }
    }

    private static T Resolve<T>(PdfDocument document, IToken token) where T : IToken =>
        (T)(token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token);

    /// <summary>The box of every pixel darker than near-white in a binary PGM (P5) image.</summary>
    private static (int Left, int Top, int Right, int Bottom) InkBox(byte[] pgm)
    {
        var header = new List<string>();
        var at = 0;
        while (header.Count < 4)
        {
            while (char.IsWhiteSpace((char)pgm[at])) at++;
            var start = at;
            while (!char.IsWhiteSpace((char)pgm[at])) at++;
            header.Add(System.Text.Encoding.ASCII.GetString(pgm, start, at - start));
        }
        at++;
        Assert.Equal("P5", header[0]);
        var width = int.Parse(header[1], CultureInfo.InvariantCulture);
        var height = int.Parse(header[2], CultureInfo.InvariantCulture);
        int left = width, top = height, right = -1, bottom = -1;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (pgm[at + y * width + x] < 240)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
            }
        }
        return (left, top, right, bottom);
    }

    private static ApplicationPacketContent SamplePacket() => new(
        PersonName: "Terry Jackson",
        PersonEmail: "terry@example.org",
        InstituteName: "MARS Peer Recovery Training Institute",
        CredentialName: "IC&RC Peer Recovery",
        BoardName: "IC&RC",
        InstituteProviderNumber: "NYCB-2026-0042",
        GeneratedAt: new DateTime(2026, 12, 5, 7, 30, 0, DateTimeKind.Utc),
        Eligible: false,
        Summary: "4 of 6 requirements met.",
        Requirements: [new PacketRequirement("Training in Advocacy", "6 of 10 hours", "Not met", "4 more hours of Advocacy", null, false, "IC&RC Peer Recovery candidate guide", new DateOnly(2026, 11, 1), null)],
        DomainTotals: [new PacketDomainTotal("Advocacy", 6, 0), new PacketDomainTotal("Ethical Responsibility", 15, 1)],
        Training: Enumerable.Range(1, 12).Select(i => new PacketTrainingLine(new DateOnly(2026, 3, 1).AddDays(i), "Recovery Coach Training", $"Lesson {i}", "Advocacy", 0.75m, "Live online", "MARS Peer Recovery Training Institute", "NYCB-2026-0042", "Counted")).ToList(),
        Certificates: [new PacketCertificate("Recovery Coach Training", new DateOnly(2026, 3, 14), 30, "MARS Peer Recovery Training Institute", "Institute certificate", SampleCertificate.Code, "https://training.example.org/verify/" + SampleCertificate.Code)],
        Attestations: [],
        Practicum: [],
        OtherRecords: [new PacketRecord("IC&RC Peer Recovery exam", "Not recorded")]);

    private static string Save(ScratchFolder scratch, byte[] pdf)
    {
        var path = scratch.File("document.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }
}
