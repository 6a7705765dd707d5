using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Infrastructure;
using TrainingHub.PdfLayout;

namespace TrainingHub.Features.Certificates;

/// <summary>Turns a stored certificate into what is printed and signed. The snapshot makes every rendering identical.</summary>
public sealed class CertificateSnapshot(IOptions<InstituteOptions> institute, CourseCatalog catalog, CredentialRuleBook rules)
{
    private string Base => institute.Value.PublicBaseUrl.TrimEnd('/');

    public Uri VerificationUrl(string code) => new($"{Base}/verify/{code}");

    public Uri StatusListUrl => new($"{Base}/credentials/status/1");

    public Uri IssuerUrl => new($"{Base}/");

    /// <summary>The picture every badge shows (served from wwwroot).</summary>
    public Uri BadgeImageUrl => new($"{Base}/credentials/badge.svg");

    public CertificateContent Content(Certificate c) => new(
        c.TraineeName, c.CourseTitle, c.Hours,
        JsonSerializer.Deserialize<Dictionary<string, decimal>>(c.HoursByDomain) ?? [],
        c.CompletedOn, c.DeliveryMode, c.InstituteName,
        JsonSerializer.Deserialize<Dictionary<string, string>>(c.ProviderNumbers) ?? [],
        c.SignatoryName, c.SignatoryTitle, c.Code, VerificationUrl(c.Code));

    /// <summary>
    /// The holder's subject id (the JWT <c>sub</c>): a UUID derived from the person's internal id, the same on every badge
    /// of theirs, that names nobody to a stranger.
    /// </summary>
    public static Uri SubjectId(string personId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("traininghub-credential-subject/" + personId))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);   // RFC 9562 version 8 (custom)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);   // RFC 9562 variant
        return new Uri("urn:uuid:" + new Guid(bytes, bigEndian: true).ToString("D"));
    }

    /// <param name="recipientEmail">The holder's e-mail address today; the badge carries only its salted hash.</param>
    public CertificateBadgeDetails Badge(Certificate c, string recipientEmail)
    {
        var course = catalog.Find(c.CourseId);
        var hoursByName = JsonSerializer.Deserialize<Dictionary<string, decimal>>(c.HoursByDomain) ?? [];
        var domains = hoursByName.Select(h =>
        {
            var domain = catalog.Domains.FirstOrDefault(d => d.Name == h.Key);
            var tag = domain?.Tag ?? h.Key;
            var boards = rules.All
                .Select(r => (Rule: r, Domain: r.Domains.FirstOrDefault(d => d.FromCourses.Contains(c.CourseId, StringComparer.Ordinal)) ?? r.DomainFor(tag)))
                .Where(x => x.Domain is not null && Uri.TryCreate(x.Rule.Source.Url, UriKind.Absolute, out _))
                .Select(x => new BoardDomainAlignment(x.Rule.Name, x.Domain!.Id, x.Domain.Name, new Uri(x.Rule.Source.Url)))
                .ToList();
            return new BadgeDomain(Slug(tag), h.Key, domain?.Description ?? h.Key, h.Value, boards);
        }).ToList();
        return new CertificateBadgeDetails(
            VerificationUrl(c.Code), IssuerUrl, c.InstituteName,
            new Uri($"{Base}/courses/{c.CourseId}"),
            c.CourseTitle, c.CourseVersion, course?.Summary ?? c.CourseTitle,
            $"Completed every lesson ({c.Hours:0.##} hours) and passed every module quiz of {c.CourseTitle}, version {c.CourseVersion}.",
            c.Hours, SubjectId(c.PersonId), recipientEmail, new DateTimeOffset(c.IssuedAt, TimeSpan.Zero), new StatusListEntry(StatusListUrl, c.StatusIndex),
            BadgeImageUrl, c.DeliveryMode, domains,
            JsonSerializer.Deserialize<Dictionary<string, string>>(c.ProviderNumbers) ?? []);
    }

    private static string Slug(string tag) => new(tag.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());
}
