
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.PdfLayout;

namespace TrainingHub.Bench;

internal static class Certificates
{
    public static CertificateContent Typical(string name)
    {
        var code = VerificationCode.New();
        return new CertificateContent(
            TraineeFullName: name,
            CourseTitle: name.Length > 40 ? "Ethics for Recovery Coaches: Boundaries, Confidentiality and Dual Relationships" : "Recovery Coach Training",
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
            ProviderNumbersByBoard: new Dictionary<string, string> { ["NAADAC"] = "213456", ["NYCB / IC&RC"] = "1234-5678" },
            SignatoryName: "Morgan Lee",
            SignatoryTitle: "Director of Training",
            VerificationCode: code,
            VerificationUrl: new Uri("https://training.example.org/verify/" + code));
    }

    public static CertificateBadgeDetails Badge(string name) => new(
        CredentialId: new Uri("https://training.example.org/verify/" + VerificationCode.New()),
        IssuerId: new Uri("https://training.example.org/"),
        IssuerName: "MARS Peer Recovery Training Institute",
        AchievementId: new Uri("https://training.example.org/courses/recovery-coach"),
        CourseTitle: "Recovery Coach Training",
        CourseVersion: "2026.1",
        CourseDescription: "Thirty hours of training for peers who support others in medication-assisted recovery.",
        CriteriaNarrative: "Attended all 30 hours and passed each module quiz.",
        CourseHours: 30m,
        SubjectId: new Uri("urn:uuid:2f1c0f52-5d0e-8a41-9b7e-3c5d7e9f1a2b"),
        RecipientEmail: name.Replace(' ', '.') + "@example.org",
        ValidFrom: new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero),
        Status: new StatusListEntry(new Uri("https://training.example.org/status/1"), 94_567),
        ImageUrl: new Uri("https://training.example.org/credentials/badge.svg"),
        DeliveryMode: "In person",
        Domains: [new BadgeDomain("advocacy", "Advocacy", "Speaking up with and for people in recovery.", 30m,
            [new BoardDomainAlignment("IC&RC Peer Recovery (PR)", "advocacy", "Advocacy", new Uri("https://internationalcredentialing.org/icrc-credentials/pr"))])],
        ProviderNumbers: new Dictionary<string, string> { ["NAADAC"] = "NAADAC-PROVIDER-77" });
}
