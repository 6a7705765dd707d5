using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Certificates;

/// <summary>
/// Issues the certificate for one completed enrolment. Exactly once: the certificate's issue key is unique per
/// enrolment, course version and issue number, so a retry, a second job server or a double completion finds the
/// certificate already there and does nothing.
/// </summary>
public sealed class CertificateIssuer(TrainingHubDb db, CourseCatalog catalog, TimeProvider clock, AuditTrail audit,
    IOptions<InstituteOptions> institute, IOptions<CertificateOptions> options,
    IOptions<CredentialOptions> credentials, CredentialRuleBook rules, Outbox.Outbox outbox, Pipeline.UnitOfWork unitOfWork)
{
    public static string IssueKey(Guid enrollmentId, string courseVersion, int issueNumber) => $"{enrollmentId}/{courseVersion}/{issueNumber}";

    public async Task<Certificate> IssueAsync(Guid enrollmentId, string courseVersion, int issueNumber, Guid? supersedesId, string? actorId, CancellationToken ct,
        string? note = null)
    {
        var key = IssueKey(enrollmentId, courseVersion, issueNumber);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.IssueKey == key, ct);
            if (existing is not null) return existing;
            var certificate = await BuildAsync(enrollmentId, courseVersion, key, supersedesId, ct);
            db.Certificates.Add(certificate);
            outbox.Add(new CertificateEmailDue(certificate.Id));
            audit.Record(actorId, supersedesId is null ? AuditActions.CertificateIssued : AuditActions.CertificateReissued,
                $"certificate/{certificate.Id}", $"{certificate.CourseId} for enrollment {enrollmentId}, key {key}" +
                (supersedesId is null ? "" : $", supersedes {supersedesId}: {note}"));
            try
            {
                await unitOfWork.SaveAsync(ct);
                return certificate;
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                // Another server issued it (same key), or a status index or code collided: look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Certificate> BuildAsync(Guid enrollmentId, string courseVersion, string key, Guid? supersedesId, CancellationToken ct)
    {
        var enrollment = await db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == enrollmentId, ct);
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == enrollment.PersonId, ct);
        var course = catalog.Find(enrollment.CourseId);
        var entries = await db.HoursEntries.AsNoTracking().Where(h => h.EnrollmentId == enrollmentId && h.Status == HoursStatus.Credited).ToListAsync(ct);
        var byDomain = entries.GroupBy(h => h.Domain).Select(g => (Name: catalog.DomainName(g.Key), Hours: g.Sum(h => h.Hours)))
            .Where(x => x.Hours > 0).OrderByDescending(x => x.Hours).ToDictionary(x => x.Name, x => x.Hours);
        var byDelivery = entries.GroupBy(h => h.Delivery).Select(g => (g.Key, Hours: g.Sum(h => h.Hours))).Where(x => x.Hours > 0).ToList();
        var firstDay = entries.Count == 0 ? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) : entries.Min(h => h.CompletedOn);
        // A random place in the status list (as the W3C recommends): neighbouring certificates cannot be linked, and
        // servers issuing at once do not fight over the next number. A rare clash is retried by the caller.
        var statusIndex = System.Security.Cryptography.RandomNumberGenerator.GetInt32(StatusList.MinimumLength);
        return new Certificate
        {
            Id = Guid.NewGuid(),
            Code = VerificationCode.New(),
            IssueKey = key,
            EnrollmentId = enrollmentId,
            PersonId = enrollment.PersonId,
            CourseId = enrollment.CourseId,
            CourseVersion = courseVersion,
            TraineeName = person.FullName,
            CourseTitle = course?.Title ?? enrollment.CourseId,
            Hours = entries.Sum(h => h.Hours),
            HoursByDomain = JsonSerializer.Serialize(byDomain),
            CompletedOn = entries.Count == 0 ? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) : entries.Max(h => h.CompletedOn),
            DeliveryMode = DeliveryText(byDelivery),
            InstituteName = institute.Value.Name,
            ProviderNumbers = JsonSerializer.Serialize(ProviderNumbersByBoardName(firstDay)),
            SignatoryName = options.Value.SignatoryName,
            SignatoryTitle = options.Value.SignatoryTitle,
            StatusIndex = statusIndex,
            SupersedesId = supersedesId,
            IssuedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>
    /// The institute's approved-provider numbers (Credentials:ProviderNumbers, one setting for eligibility and
    /// certificates), printed with each board's name from its rule file. A number is printed only when the board's
    /// approval (Credentials:ProviderNumbersFrom) was in force on the first day of the training the certificate covers:
    /// training given before the institute was approved was not approved training, so its certificate must not say so.
    /// </summary>
    private Dictionary<string, string> ProviderNumbersByBoardName(DateOnly firstDayOfTraining) =>
        credentials.Value.ProviderNumbers.Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Where(p => !credentials.Value.ProviderNumbersFrom.TryGetValue(p.Key, out var from) || firstDayOfTraining >= from)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .GroupBy(p => rules.All.FirstOrDefault(r => r.Board == p.Key)?.BoardName ?? p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p.Value)), StringComparer.Ordinal);

    private static string DeliveryText(IReadOnlyList<(HoursDelivery Key, decimal Hours)> parts)
    {
        if (parts.Count == 1) return parts[0].Key switch { HoursDelivery.InPerson => "In person", HoursDelivery.LiveVirtual => "Live online", _ => "Self-paced online" };
        return "Blended: " + string.Join(", ", parts.OrderBy(p => p.Key).Select(p => $"{p.Hours:0.##} h " + p.Key switch
        {
            HoursDelivery.InPerson => "in person",
            HoursDelivery.LiveVirtual => "live online",
            _ => "self-paced",
        }));
    }
}
