using System.Globalization;
using System.Text.RegularExpressions;
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.PdfLayout;

namespace TrainingHub.Tests.Certificates;

public sealed partial class CertificatePdfTests
{
    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void Name_course_hours_date_and_code_can_be_read_back_as_text()
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For()));

        var text = Words(DebianTools.Run("pdftotext", "-layout", pdf, "-"));

        Assert.Contains("Certificate of Completion", text);
        Assert.Contains("Terry Jackson", text);
        Assert.Contains("Recovery Coach Training", text);
        Assert.Contains("30 contact hours", text);
        Assert.Contains("Live online (synchronous)", text);
        Assert.Contains("March 14, 2026", text);
        Assert.Contains(SampleCertificate.Code, text);
        Assert.Contains("MARS Peer Recovery Training Institute", text);
        Assert.Contains("Recovery and wellness support 10.5", text);
        Assert.Contains("NAADAC 213456", text);
        Assert.Contains("Morgan Lee", text);
        Assert.Contains("Director of Training", text);
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Theory]
    [InlineData(150)]
    [InlineData(200)]
    [InlineData(300)]
    public void QR_code_scans_to_exactly_the_verification_url(int dpi)
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For()));

        DebianTools.Run("pdftoppm", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-png", "-singlefile", pdf, scratch.File("page"));
        var decoded = DebianTools.Run("zbarimg", "--raw", "-q", scratch.File("page.png"));

        Assert.Equal(SampleCertificate.Url.AbsoluteUri, decoded.TrimEnd('\n'));
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void A_long_verification_url_still_scans_at_150_dpi()
    {
        using var scratch = new ScratchFolder();
        var url = new Uri("https://recovery-coach-training.replicating-site.example.org/institute/certificates/verify/" + SampleCertificate.Code);
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For() with { VerificationUrl = url }));

        DebianTools.Run("pdftoppm", "-r", "150", "-png", "-singlefile", pdf, scratch.File("page"));

        Assert.Equal(url.AbsoluteUri, DebianTools.Run("zbarimg", "--raw", "-q", scratch.File("page.png")).TrimEnd('\n'));
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void Certificate_is_one_landscape_us_letter_page()
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For()));

        var info = DebianTools.Run("pdfinfo", pdf);

        Assert.Matches(@"(?m)^Pages:\s+1$", info);
        Assert.Matches(@"(?m)^Page size:\s+792 x 612 pts", info);
        Assert.Matches(@"(?m)^Title:\s+Certificate of Completion: Terry Jackson, Recovery Coach Training$", info);
    }

    public static TheoryData<string, string> LongNamesAndTitles => new()
    {
        {
            "Maria Guadalupe Esperanza Hernández-Villanueva de la Cruz y Montenegro Featherstonehaugh-Cholmondeley III",
            "Ethics for Recovery Coaches: Boundaries, Confidentiality, Dual Relationships and Self-Care in Medication-Assisted Recovery"
        },
        {
            "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeit",
            "Recovery Coach Training"
        },
        {
            string.Join(' ', Enumerable.Repeat("Bartholomew Featherstonehaugh", 12)),
            string.Join(' ', Enumerable.Repeat("Medication-Assisted Recovery", 15))
        },
    };

    [Trait(Speed.Trait, Speed.Slow)]
    [Theory]
    [MemberData(nameof(LongNamesAndTitles))]
    public void A_very_long_name_or_course_title_shrinks_to_stay_in_its_place(string name, string course)
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For(name, course)));

        Assert.Matches(@"(?m)^Pages:\s+1$", DebianTools.Run("pdfinfo", pdf));
        var words = PlacedWords(DebianTools.Run("pdftotext", "-bbox", pdf, "-"));

        Assert.All(words, w => Assert.True(w.XMin > 30 && w.XMax < 762 && w.YMin > 30 && w.YMax < 582, $"{w} crosses the border"));
        // The whole name sits between "This certifies that" and "has completed", the whole title between that and the hours.
        var that = words.Single(w => w.Text == "that");
        var has = words.Single(w => w.Text == "has");
        var contact = words.Single(w => w.Text == "contact");
        Assert.Equal(name, Between(words, that, has));
        Assert.Equal(course, Between(words, has, contact));
    }

    private static string Between(List<PlacedWord> words, PlacedWord above, PlacedWord below) =>
        string.Join(' ', words.Where(w => w.YMin > above.YMax - 1 && w.YMax < below.YMin + 1).Select(w => w.Text));

    [Trait(Speed.Trait, Speed.Slow)]
    [Theory]
    [InlineData("Анна Кузнецова")]            // Cyrillic: outside the Latin subset, printed with the full DejaVu faces
    [InlineData("Νίκος Παπαδόπουλος")]         // Greek
    [InlineData("Nguyễn Thị Minh Khai")]      // Vietnamese
    [InlineData("José Martínez")]
    public void Names_in_other_alphabets_print_as_real_text(string name)
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For(name)));

        Assert.Contains(name, Words(DebianTools.Run("pdftotext", pdf, "-")));
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void An_accent_typed_as_a_separate_mark_prints_as_one_letter()
    {
        using var scratch = new ScratchFolder();
        var pdf = Save(scratch, CertificatePdf.Render(SampleCertificate.For("Jose\u0301 Marti\u0301nez")));

        Assert.Contains("José Martínez", DebianTools.Run("pdftotext", pdf, "-"));
    }

    [Fact]
    public void The_same_certificate_renders_to_the_same_bytes()
    {
        Assert.Equal(CertificatePdf.Render(SampleCertificate.For()), CertificatePdf.Render(SampleCertificate.For()));
    }

    [Fact]
    public void A_certificate_without_a_name_code_or_hours_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CertificatePdf.Render(SampleCertificate.For(name: " ")));
        Assert.Throws<ArgumentException>(() => CertificatePdf.Render(SampleCertificate.For() with { VerificationCode = "" }));
        Assert.Throws<ArgumentException>(() => CertificatePdf.Render(SampleCertificate.For() with { CourseHours = 0 }));
        Assert.Throws<ArgumentException>(() => CertificatePdf.Render(SampleCertificate.For() with { VerificationUrl = new Uri("/verify/x", UriKind.Relative) }));
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public void A_certificate_without_domains_or_provider_numbers_leaves_those_tables_out()
    {
        using var scratch = new ScratchFolder();
        var content = SampleCertificate.For() with
        {
            HoursByDomain = new Dictionary<string, decimal>(),
            ProviderNumbersByBoard = new Dictionary<string, string>(),
        };
        var text = DebianTools.Run("pdftotext", Save(scratch, CertificatePdf.Render(content)), "-");

        Assert.DoesNotContain("Hours by credential domain", text);
        Assert.DoesNotContain("Approved provider numbers", text);
        Assert.Contains("Terry Jackson", text);
    }

    private static string Save(ScratchFolder scratch, byte[] pdf)
    {
        var path = scratch.File("certificate.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary>The text with every run of spaces and line breaks made one space, as a reader would see it.</summary>
    private static string Words(string text) => Whitespace().Replace(text, " ");

    private sealed record PlacedWord(string Text, double XMin, double YMin, double XMax, double YMax);

    private static List<PlacedWord> PlacedWords(string bboxHtml) =>
        BboxWord().Matches(bboxHtml).Select(m => new PlacedWord(
            System.Net.WebUtility.HtmlDecode(m.Groups["text"].Value),
            double.Parse(m.Groups["x0"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["y0"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["x1"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["y1"].Value, CultureInfo.InvariantCulture))).ToList();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("""<word xMin="(?<x0>[\d.]+)" yMin="(?<y0>[\d.]+)" xMax="(?<x1>[\d.]+)" yMax="(?<y1>[\d.]+)">(?<text>[^<]*)</word>""")]
    private static partial Regex BboxWord();
}
