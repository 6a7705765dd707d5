using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Certificates.Roster;

/// <summary>
/// Everyone who completed a course, for a provider upload to a board (CE Broker's roster) or the institute's own
/// records: one line per completer and licence they recorded, with the hours by subject area (training domain) as
/// partial-credit lines. Only current certificates count: a revoked one or one a reissue replaced does not.
/// The lines are read from the database as they are written out, so a large roster never sits in memory whole.
/// </summary>
public static class CourseCompleters
{
    public sealed record Query(string ActorId, string CourseId) : IQuery<Roster>, IInstituteAdminOnly
    {
        public string Refusal => "Only the institute can export a course's completers: they span every site.";
    }

    /// <summary>A value the institute must set in configuration before the file is uploaded; the file shows which key.</summary>
    public static string Placeholder(string key) => $"[set {key}]";

    /// <summary>A fact about the person that is not recorded (no licence number): the cell says so in brackets rather than stay blank.</summary>
    public static string Missing(string what) => $"[{what}]";

    /// <summary>One completer's licence (or none recorded) and their hours in one subject area of the course.</summary>
    public sealed record Line(string PersonName, string Email, string LicenseNumber, string CredentialId, string State, string ProfessionCode,
        DateOnly CompletedOn, decimal CourseHours, string Domain, string SubjectAreaCode, decimal DomainHours, string CertificateCode);

    /// <summary>The roster's fixed parts and its lines, read as they are enumerated (once).</summary>
    public sealed record Roster(string CourseId, string CourseTitle, string CourseVersion, string CourseNumber, string ProviderTrackingNumber,
        string CourseTrackingNumber, IAsyncEnumerable<Line> Lines);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.CourseId).NotEmpty().WithMessage("Choose a course.").MaximumLength(100);
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, IOptions<ExportOptions> exports) : IQueryHandler<Query, Roster>
    {
        public ValueTask<Roster> Handle(Query query, CancellationToken ct)
        {
            var course = catalog.Find(query.CourseId) ?? throw new NotFoundException($"There is no course '{query.CourseId}'. Choose one of the institute's courses.");
            var options = exports.Value;
            var broker = options.CeBroker;
            return ValueTask.FromResult(new Roster(course.Id, course.Title, course.Version,
                options.CourseNumbers.GetValueOrDefault(course.Id, course.Id),
                Set(broker.ProviderTrackingNumber, "Exports:CeBroker:ProviderTrackingNumber"),
                Set(broker.CourseTrackingNumbers.GetValueOrDefault(course.Id), $"Exports:CeBroker:CourseTrackingNumbers:{course.Id}"),
                LinesAsync(course.Id, broker, CancellationToken.None)));
        }

        private static string Set(string? value, string key) => string.IsNullOrWhiteSpace(value) ? Placeholder(key) : value.Trim();

        private async IAsyncEnumerable<Line> LinesAsync(string courseId, CeBrokerOptions broker, [EnumeratorCancellation] CancellationToken ct)
        {
            var people = db.Certificates.Where(c => c.CourseId == courseId).Select(c => c.PersonId);
            // The licences completers recorded (held credentials), unless the institute refused the record: a few per
            // person, read before the certificates stream.
            var licences = (await db.HeldCredentials.AsNoTracking().Where(h => people.Contains(h.PersonId))
                    .Select(h => new
                    {
                        h.PersonId, h.CredentialId, h.Number, h.RecordedAt,
                        Refused = db.HeldCredentialReviews.Where(r => r.HeldCredentialId == h.Id).OrderByDescending(r => r.ReviewedAt)
                            .Select(r => (OutsideCertificateDecision?)r.Decision).FirstOrDefault() == OutsideCertificateDecision.Refused,
                    }).ToListAsync(ct))
                .Where(h => !h.Refused && !string.IsNullOrWhiteSpace(h.Number))
                .OrderBy(h => h.RecordedAt).ToLookup(h => h.PersonId, StringComparer.Ordinal);

            var current = db.Certificates.AsNoTracking()
                .Where(c => c.CourseId == courseId)
                .Where(c => !db.CertificateRevocations.Any(r => r.CertificateId == c.Id))
                .Where(c => !db.Certificates.Any(n => n.SupersedesId == c.Id))
                .OrderBy(c => c.CompletedOn).ThenBy(c => c.Id)
                .Select(c => new { c.PersonId, c.Code, c.CompletedOn, c.Hours, c.HoursByDomain, Email = db.Users.Where(u => u.Id == c.PersonId).Select(u => u.Email).FirstOrDefault(), c.TraineeName });
            await foreach (var c in current.AsAsyncEnumerable().WithCancellation(ct))
            {
                var domains = JsonSerializer.Deserialize<Dictionary<string, decimal>>(c.HoursByDomain) ?? [];
                var held = licences[c.PersonId].Select(h => (h.Number, h.CredentialId)).ToList();
                if (held.Count == 0) held.Add(("", ""));
                foreach (var (number, credential) in held)
                {
                    var state = credential.Length == 0 ? "" : Set(broker.States.GetValueOrDefault(credential), $"Exports:CeBroker:States:{credential}");
                    var profession = credential.Length == 0 ? "" : Set(broker.ProfessionCodes.GetValueOrDefault(credential), $"Exports:CeBroker:ProfessionCodes:{credential}");
                    foreach (var (domainName, hours) in domains)
                    {
                        var tag = catalog.Domains.FirstOrDefault(d => d.Name == domainName)?.Tag ?? domainName;
                        yield return new Line(c.TraineeName, c.Email ?? "", number.Trim(), credential, state, profession, c.CompletedOn, c.Hours,
                            domainName, Set(broker.SubjectAreaCodes.GetValueOrDefault(tag), $"Exports:CeBroker:SubjectAreaCodes:{tag}"), hours, c.Code);
                    }
                }
            }
        }
    }

    /// <summary>The CSV's column headings, in English; a page passes them through its localizer.</summary>
    public static readonly IReadOnlyList<string> CsvHeadings =
    [
        "Person", "Email", "Licence number", "Credential", "State", "Profession code", "Date completed", "Course number", "Course",
        "Course version", "Course hours", "Domain", "Subject area code", "Hours in domain", "Certificate code",
        "Provider tracking number", "Course tracking number", "Generated at",
    ];

    /// <summary>
    /// Writes the roster as CSV, flushing every <paramref name="flushEvery"/> lines, so the first lines reach the reader
    /// while later ones are still being read. Cells a spreadsheet would run as a formula are written as text.
    /// </summary>
    public static async Task WriteCsvAsync(Roster roster, Stream output, DateTime generatedAt, Func<string, string>? words = null, int flushEvery = 200, CancellationToken ct = default)
    {
        await using var table = new Csv.Table(output);
        table.Row(CsvHeadings.Select(words ?? (w => w)));
        var generated = generatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var count = 0;
        await foreach (var l in roster.Lines.WithCancellation(ct))
        {
            table.Row(l.PersonName, l.Email, l.LicenseNumber, l.CredentialId, l.State, l.ProfessionCode, Date(l.CompletedOn), roster.CourseNumber, roster.CourseTitle,
                roster.CourseVersion, Hours(l.CourseHours), l.Domain, l.SubjectAreaCode, Hours(l.DomainHours), l.CertificateCode,
                roster.ProviderTrackingNumber, roster.CourseTrackingNumber, generated);
            if (++count % flushEvery == 0)
            {
                await table.FlushAsync(ct);
            }
        }
    }

    internal static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Hours(decimal h) => h.ToString("0.##", CultureInfo.InvariantCulture);
}
