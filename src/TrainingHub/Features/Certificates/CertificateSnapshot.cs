using System.Text.Json;
using Microsoft.Extensions.Options;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Infrastructure;
using TrainingHub.PdfLayout;

namespace TrainingHub.Features.Certificates;

/// <summary>Turns a stored certificate into what is printed and signed. The snapshot makes every rendering identical.</summary>
public sealed class CertificateSnapshot(IOptions<InstituteOptions> institute)
{
    public Uri VerificationUrl(string code) => new($"{institute.Value.PublicBaseUrl.TrimEnd('/')}/verify/{code}");

    public Uri StatusListUrl => new($"{institute.Value.PublicBaseUrl.TrimEnd('/')}/credentials/status/1");

    public Uri IssuerUrl => new($"{institute.Value.PublicBaseUrl.TrimEnd('/')}/");

    public CertificateContent Content(Certificate c) => new(
        c.TraineeName, c.CourseTitle, c.Hours,
        JsonSerializer.Deserialize<Dictionary<string, decimal>>(c.HoursByDomain) ?? [],
        c.CompletedOn, c.DeliveryMode, c.InstituteName,
        JsonSerializer.Deserialize<Dictionary<string, string>>(c.ProviderNumbers) ?? [],
        c.SignatoryName, c.SignatoryTitle, c.Code, VerificationUrl(c.Code));

    public CertificateBadgeDetails Badge(Certificate c, string courseSummary) => new(
        VerificationUrl(c.Code), IssuerUrl, c.InstituteName,
        new Uri($"{institute.Value.PublicBaseUrl.TrimEnd('/')}/courses/{c.CourseId}"),
        c.CourseTitle, courseSummary,
        $"Completed every lesson ({c.Hours:0.##} hours) and passed every module quiz of {c.CourseTitle}, version {c.CourseVersion}.",
        c.Hours, c.TraineeName, new DateTimeOffset(c.IssuedAt, TimeSpan.Zero), new StatusListEntry(StatusListUrl, c.StatusIndex));
}
