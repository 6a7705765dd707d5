
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.PdfLayout;

namespace TrainingHub.Tests.Certificates;

internal static class SampleCertificate
{
    public const string Code = "7KQ2-M9XD-4TNB-0WJE-R8HC";
    public static readonly Uri Url = new("https://training.example.org/verify/" + Code);

    public static CertificateContent For(string name = "Terry Jackson", string course = "Recovery Coach Training") => new(
        TraineeFullName: name,
        CourseTitle: course,
        CourseHours: 30m,
        HoursByDomain: new Dictionary<string, decimal>
        {
            ["Advocacy"] = 6m,
            ["Mentoring and education"] = 8m,
            ["Recovery and wellness support"] = 10.5m,
            ["Ethical responsibility"] = 5.5m,
        },
        CompletedOn: new DateOnly(2026, 3, 14),
        DeliveryMode: "Live online (synchronous)",
        InstituteName: "MARS Peer Recovery Training Institute",
        ProviderNumbersByBoard: new Dictionary<string, string>
        {
            ["NAADAC"] = "213456",
            ["NYCB / IC&RC"] = "1234-5678",
        },
        SignatoryName: "Morgan Lee",
        SignatoryTitle: "Director of Training",
        VerificationCode: Code,
        VerificationUrl: Url);
}
