using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Credentials.Records;

/// <summary>
/// Reads what the eligibility rules look at for one person: net ledger hours per lesson, verified outside hours,
/// practicum entries approved or waiting, exams, signed codes of ethics and time-in-recovery answers.
/// </summary>
public sealed class PersonRecords(TrainingHubDb db, CourseCatalog catalog, IOptions<CredentialOptions> options, IOptions<InstituteOptions> institute,
    SignOffs.SupervisorRules supervisors)
{
    public async Task<string> InstituteNameAsync(CancellationToken ct) =>
        await db.Institutes.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Name).FirstOrDefaultAsync(ct) ?? institute.Value.Name;

    /// <param name="onlySite">
    /// A site's staff looking (ADR 0012): only the hours and practicum logged at that site, where a record belongs, not
    /// what the person logged at another site. Null: the whole record (the person, the institute, eligibility jobs).
    /// </param>
    public async Task<PersonRecord> LoadAsync(string personId, CancellationToken ct, Guid? onlySite = null)
    {
        var instituteName = await InstituteNameAsync(ct);
        var providerNumbers = new Dictionary<string, string>(options.Value.ProviderNumbers, StringComparer.Ordinal);
        var approvedFrom = new Dictionary<string, DateOnly>(options.Value.ProviderNumbersFrom, StringComparer.Ordinal);

        var entries = db.HoursEntries.AsNoTracking().Where(h => h.PersonId == personId);
        if (onlySite is { } site) entries = supervisors.HoursAt(entries, [site]);
        var ledger = await entries
            .Select(h => new { h.CourseId, h.LessonId, h.Domain, h.Delivery, h.CompletedOn, h.Status, h.Hours }).ToListAsync(ct);
        var training = ledger
            .GroupBy(h => (h.CourseId, h.LessonId, h.Domain, h.Delivery, h.CompletedOn, h.Status))
            .Select(g => (g.Key, Hours: g.Sum(h => h.Hours)))
            .Where(g => g.Hours != 0)
            .OrderBy(g => g.Key.CompletedOn)
            .Select(g => new TrainingRecord(
                catalog.Find(g.Key.CourseId)?.Title ?? g.Key.CourseId, g.Key.Domain, g.Hours, g.Key.Status, g.Key.Delivery, g.Key.CompletedOn,
                TrainingOrigin.Institute, instituteName, providerNumbers,
                g.Key.LessonId is null ? null : catalog.FindLesson(g.Key.CourseId, g.Key.LessonId)?.Title ?? g.Key.LessonId, g.Key.CourseId, approvedFrom))
            .ToList();
        training.AddRange(await OutsideTrainingAsync(personId, ct));

        return new PersonRecord(training, await PracticumAsync(personId, onlySite, ct), await ExamsAsync(personId, ct),
            await db.CodeOfEthicsSignatures.AsNoTracking().Where(s => s.PersonId == personId).ToDictionaryAsync(s => s.CredentialId, s => s.SignedAt, ct),
            await RecoveryAnswersAsync(personId, ct))
        {
            CodesSigned = await CodesSignedAsync(personId, ct),
        };
    }

    /// <summary>Per code of ethics, the person's newest signature.</summary>
    public async Task<Dictionary<string, SignedCode>> CodesSignedAsync(string personId, CancellationToken ct)
    {
        var signatures = await db.EthicsCodeSignatures.AsNoTracking().Where(s => s.PersonId == personId)
            .Select(s => new { s.CodeId, s.Version, s.SignedAt }).ToListAsync(ct);
        return signatures.GroupBy(s => s.CodeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.SignedAt).Select(s => new SignedCode(s.Version, s.SignedAt)).First(), StringComparer.Ordinal);
    }

    /// <summary>The newest review of each of the person's outside certificates, when it verified them, as training records.</summary>
    private async Task<List<TrainingRecord>> OutsideTrainingAsync(string personId, CancellationToken ct)
    {
        var reviews = await (from c in db.OutsideCertificates
                             join r in db.OutsideCertificateReviews on c.Id equals r.CertificateId
                             where c.PersonId == personId
                             select new { c.Id, c.ProviderName, c.CourseTitle, Review = r }).AsNoTracking().ToListAsync(ct);
        var latest = reviews.GroupBy(r => r.Id).Select(g => g.OrderByDescending(x => x.Review.ReviewedAt).First())
            .Where(x => x.Review.Decision == OutsideCertificateDecision.Verified).ToList();
        var reviewIds = latest.Select(x => x.Review.Id).ToList();
        var lines = await db.OutsideHoursLines.AsNoTracking().Where(l => reviewIds.Contains(l.ReviewId)).ToListAsync(ct);
        var result = new List<TrainingRecord>();
        foreach (var x in latest)
        {
            var r = x.Review;
            var numbers = r.ProviderBoard is { } board && !string.IsNullOrWhiteSpace(r.ProviderNumber)
                ? new Dictionary<string, string>(StringComparer.Ordinal) { [board] = r.ProviderNumber! }
                : new Dictionary<string, string>(StringComparer.Ordinal);
            var provider = r.ProviderName ?? x.ProviderName;
            foreach (var line in lines.Where(l => l.ReviewId == r.Id))
            {
                result.Add(new TrainingRecord($"{provider}: {x.CourseTitle}", line.Domain, line.Hours, HoursStatus.Credited, r.Delivery ?? HoursDelivery.SelfPaced,
                    r.CompletedOn ?? default, TrainingOrigin.Outside, provider, numbers, "Outside certificate, verified by the institute"));
            }
        }
        return result;
    }

    /// <summary>Practicum entries signed off, or still waiting; rejected and revoked entries count for nothing until sent again.</summary>
    private async Task<List<PracticumRecord>> PracticumAsync(string personId, Guid? onlySite, CancellationToken ct)
    {
        var entries = await db.PracticumEntries.AsNoTracking().Where(p => p.PersonId == personId && (onlySite == null || p.SiteId == onlySite)).ToListAsync(ct);
        var ids = entries.Select(e => e.Id).ToList();
        var decisions = await (from i in db.SignOffItems
                               join s in db.SignOffs on i.SignOffId equals s.Id
                               where i.Subject == SignOffSubject.Practicum && ids.Contains(i.SubjectId)
                               select new { i.SubjectId, s.Id, s.Decision }).AsNoTracking().ToListAsync(ct);
        var signOffIds = decisions.Select(d => d.Id).ToList();
        var revoked = (await db.SignOffRevocations.AsNoTracking().Where(r => signOffIds.Contains(r.SignOffId)).Select(r => r.SignOffId).ToListAsync(ct)).ToHashSet();
        var result = new List<PracticumRecord>();
        foreach (var e in entries)
        {
            var d = decisions.FirstOrDefault(x => x.SubjectId == e.Id);
            if (d is null) result.Add(new PracticumRecord(e.Kind, e.Date, e.Hours, e.Domain, Approved: false));
            else if (d.Decision == SignOffDecision.Approved && !revoked.Contains(d.Id)) result.Add(new PracticumRecord(e.Kind, e.Date, e.Hours, e.Domain, Approved: true));
        }
        return result;
    }

    /// <summary>The earliest pass of each exam that was not withdrawn.</summary>
    private async Task<Dictionary<string, DateOnly>> ExamsAsync(string personId, CancellationToken ct)
    {
        var passes = await db.ExamPasses.AsNoTracking()
            .Where(p => p.PersonId == personId && !db.ExamPassWithdrawals.Any(w => w.ExamPassId == p.Id))
            .Select(p => new { p.ExamId, p.PassedOn }).ToListAsync(ct);
        return passes.GroupBy(p => p.ExamId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(p => p.PassedOn), StringComparer.Ordinal);
    }

    /// <summary>The latest answer for each threshold of years.</summary>
    public async Task<Dictionary<int, bool>> RecoveryAnswersAsync(string personId, CancellationToken ct)
    {
        var answers = await db.RecoveryTimeAttestations.AsNoTracking().Where(a => a.PersonId == personId)
            .Select(a => new { a.Years, a.Affirmed, a.AttestedAt }).ToListAsync(ct);
        return answers.GroupBy(a => a.Years).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.AttestedAt).First().Affirmed);
    }
}
