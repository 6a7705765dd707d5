using BenchmarkDotNet.Attributes;
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.PdfLayout;

namespace TrainingHub.Bench;

/// <summary>What issuing one certificate costs the server: the PDF, and the signed Open Badges credential.</summary>
[MemoryDiagnoser]
public class CertificateBenchmarks
{
    private readonly CertificateContent _typical = Certificates.Typical("Terry Jackson");
    private readonly CertificateContent _longName = Certificates.Typical(
        "Maria Guadalupe Esperanza Hernández-Villanueva de la Cruz y Montenegro Featherstonehaugh-Cholmondeley III");
    private readonly CertificateContent _cyrillicName = Certificates.Typical("Анна Сергеевна Кузнецова");
    private readonly InstituteSigningKey _key = InstituteSigningKey.CreateEphemeral();
    private readonly CertificateBadgeDetails _badge = Certificates.Badge("Terry Jackson");

    [Benchmark(Baseline = true, Description = "Certificate PDF, typical")]
    public byte[] TypicalCertificate() => CertificatePdf.Render(_typical);

    [Benchmark(Description = "Certificate PDF, long name and title")]
    public byte[] LongNameCertificate() => CertificatePdf.Render(_longName);

    [Benchmark(Description = "Certificate PDF, Cyrillic name")]
    public byte[] CyrillicNameCertificate() => CertificatePdf.Render(_cyrillicName);

    [Benchmark(Description = "Open Badge built and signed (ES256)")]
    public string SignedBadge() => _key.Sign(CertificateBadge.Build(_badge));

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();
}
