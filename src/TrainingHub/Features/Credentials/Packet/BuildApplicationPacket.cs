using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates;
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.Features.Credentials.OutsideCertificates;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;
using TrainingHub.PdfLayout;

namespace TrainingHub.Features.Credentials.Packet;

/// <summary>
/// The application packet for one credential: requirements and gaps, hours by the board's domains with dates,
/// delivery and provider numbers, certificates with their verification codes, supervisor attestations, and the
/// practice and supervision log. For the person, their site's staff, or the institute; each download is audited.
/// </summary>
public static class BuildApplicationPacket
{
    public sealed record Command(string ActorId, string PersonId, string CredentialId, Guid? SiteId = null) : ICommand<ApplicationPacketContent>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ActorId).NotEmpty();
            RuleFor(c => c.PersonId).NotEmpty();
        }
    }

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules, CredentialAccess access, PersonRecords records, CourseCatalog catalog, ISender sender,
        CertificateSnapshot snapshots, IOptions<CredentialOptions> options, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, ApplicationPacketContent>
    {
        public async ValueTask<ApplicationPacketContent> Handle(Command command, CancellationToken ct)
        {
            await access.RequireMayViewAsync(command.ActorId, command.PersonId, command.SiteId, ct);
            var set = rules.Find(command.CredentialId) ?? throw new NotFoundException("There is no such credential.");
            var person = await db.Users.AsNoTracking().Where(u => u.Id == command.PersonId).Select(u => new { u.FullName, u.Email }).SingleAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var onlySite = CredentialAccess.OnlySite(command.ActorId, command.PersonId, command.SiteId);
            var record = await records.LoadAsync(command.PersonId, ct, onlySite);
            var result = Eligibility.Evaluate(set, record, DateOnly.FromDateTime(now));
            var instituteName = await records.InstituteNameAsync(ct);
            var ownNumber = options.Value.ProviderNumbers.TryGetValue(set.Board, out var n) && !string.IsNullOrWhiteSpace(n) ? n : null;

            var requirements = result.Requirements.Select(r => new PacketRequirement(r.Title, r.Progress, r.Met ? "Met" : "Not met", r.Gap, r.PendingNote,
                    r.Requirement.Source.Unconfirmed, r.Requirement.Source.Url, r.Requirement.Source.Checked, r.Requirement.Source.Note))
                .Concat(result.Constraints.Select(c => new PacketRequirement(c.Title, c.Detail,
                    c.Constraint.Kind == ConstraintKind.FaceToFaceShare ? c.Met ? "Met" : "Not met" : "Applied", c.Gap, null,
                    c.Constraint.Source.Unconfirmed, c.Constraint.Source.Url, c.Constraint.Source.Checked, c.Constraint.Source.Note)))
                .ToList();

            var totals = set.Domains.Select(d => new PacketDomainTotal(d.Name,
                result.Training.Where(l => l.Counts && l.Domain?.Id == d.Id && l.Record.Status == HoursStatus.Credited).Sum(l => l.Record.Hours),
                result.Training.Where(l => l.Counts && l.Domain?.Id == d.Id && l.Record.Status == HoursStatus.Pending).Sum(l => l.Record.Hours))).ToList();
            var training = result.Training.Select(l => new PacketTrainingLine(l.Record.CompletedOn, l.Record.Title, l.Record.Detail,
                l.Domain?.Name ?? $"(none of the board's domains: {MyOutsideCertificates.DomainName(catalog, rules, l.Record.DomainKey)})",
                l.Record.Hours, MyHours.DeliveryName(l.Record.Delivery), l.Record.ProviderName,
                l.Record.ProviderNumbers.TryGetValue(set.Board, out var number) ? number : "",
                l.NotCountedBecause is { } why ? $"Not counted: {why}" : l.Record.Status == HoursStatus.Pending ? "Waiting for sign-off" : "Counted")).ToList();

            var packet = new ApplicationPacketContent(person.FullName, person.Email ?? "", instituteName, set.Name, set.BoardName, ownNumber, now, result.Eligible,
                result.Summary, requirements, totals, training, await CertificatesAsync(command.PersonId, instituteName, ct),
                await AttestationsAsync(command.PersonId, onlySite, ct), await PracticumAsync(command.PersonId, set, onlySite, ct), await OtherRecordsAsync(command.PersonId, set, record, ct));
            audit.Record(command.ActorId, AuditActions.ApplicationPacketDownloaded, $"person/{command.PersonId}", set.Id);
            await db.SaveChangesAsync(ct);
            return packet;
        }

        /// <summary>Valid certificates the institute issued, with their public codes, then the outside certificates it verified.</summary>
        private async Task<List<PacketCertificate>> CertificatesAsync(string personId, string instituteName, CancellationToken ct)
        {
            var issued = await sender.Send(new MyCertificates.Query(personId), ct);
            var result = issued.Where(c => c.State == CertificateState.Valid)
                .Select(c => new PacketCertificate(c.CourseTitle, c.CompletedOn, c.Hours, instituteName, "issued by the institute", c.Code, snapshots.VerificationUrl(c.Code).AbsoluteUri))
                .ToList();
            var outside = await db.OutsideCertificates.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.CompletedOn).ToListAsync(ct);
            var reviews = await OutsideCertificateState.ReviewsAsync(db, outside.Select(c => c.Id).ToList(), ct);
            foreach (var c in outside)
            {
                if (reviews.FirstOrDefault(r => r.CertificateId == c.Id) is not { Decision: OutsideCertificateDecision.Verified } review) continue;
                var provider = review.ProviderName ?? c.ProviderName;
                result.Add(new PacketCertificate(c.CourseTitle, review.CompletedOn ?? c.CompletedOn, review.Lines.Sum(l => l.Hours),
                    review.ProviderNumber is null ? provider : $"{provider}, approval number {review.ProviderNumber}",
                    $"outside certificate, verified by {review.ReviewedBy} on {review.ReviewedAt.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}",
                    $"file SHA-256 {c.Sha256}", null));
            }
            return result;
        }

        private async Task<List<PacketAttestation>> AttestationsAsync(string personId, Guid? onlySite, CancellationToken ct)
        {
            var rows = await (from i in db.SignOffItems
                              join s in db.SignOffs on i.SignOffId equals s.Id
                              join u in db.Users on s.SupervisorId equals u.Id
                              where i.PersonId == personId && s.Decision == SignOffDecision.Approved && (onlySite == null || s.SiteId == onlySite)
                              select new { s.Id, s.SignedAt, u.FullName, s.TypedName, s.Statement, i.Subject, i.Hours }).AsNoTracking().ToListAsync(ct);
            var ids = rows.Select(r => r.Id).Distinct().ToList();
            var revoked = await db.SignOffRevocations.AsNoTracking().Where(r => ids.Contains(r.SignOffId)).ToDictionaryAsync(r => r.SignOffId, r => r.Reason, ct);
            return rows.GroupBy(r => r.Id).OrderBy(g => g.First().SignedAt).Select(g =>
            {
                var first = g.First();
                var lessons = g.Count(x => x.Subject == SignOffSubject.Hours);
                var practicum = g.Count(x => x.Subject == SignOffSubject.Practicum);
                var parts = new List<string>();
                if (lessons > 0) parts.Add(lessons == 1 ? "1 training entry" : $"{lessons} training entries");
                if (practicum > 0) parts.Add(practicum == 1 ? "1 practicum entry" : $"{practicum} practicum entries");
                return new PacketAttestation(first.SignedAt, first.FullName, first.TypedName, first.Statement,
                    $"{Eligibility.HoursText(g.Sum(x => x.Hours))}: {string.Join(", ", parts)}",
                    revoked.TryGetValue(first.Id, out var reason) ? $"Withdrawn by the institute: {reason}" : "Signed off");
            }).ToList();
        }

        /// <summary>Signed-off practice and supervision entries (a board accepts attested hours only).</summary>
        private async Task<List<PacketPracticumLine>> PracticumAsync(string personId, CredentialRuleSet set, Guid? onlySite, CancellationToken ct)
        {
            var rows = await (from p in db.PracticumEntries
                              join i in db.SignOffItems on p.Id equals i.SubjectId
                              join s in db.SignOffs on i.SignOffId equals s.Id
                              join u in db.Users on s.SupervisorId equals u.Id
                              where p.PersonId == personId && i.Subject == SignOffSubject.Practicum && s.Decision == SignOffDecision.Approved
                                    && (onlySite == null || p.SiteId == onlySite)
                                    && !db.SignOffRevocations.Any(r => r.SignOffId == s.Id)
                              orderby p.Date
                              select new { p.Kind, p.Date, p.Hours, p.Domain, p.Setting, p.Description, p.SupervisorName, u.FullName, s.SignedAt }).AsNoTracking().ToListAsync(ct);
            return rows.Select(r => new PacketPracticumLine(r.Kind == PracticumKind.Experience ? "Practice" : "Supervision", r.Date, r.Hours,
                set.DomainFor(r.Domain)?.Name ?? catalog.DomainName(r.Domain), r.Setting ?? "", r.Description, r.SupervisorName ?? "",
                $"{r.FullName}, {r.SignedAt.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}")).ToList();
        }

        private async Task<List<PacketRecord>> OtherRecordsAsync(string personId, CredentialRuleSet set, PersonRecord record, CancellationToken ct)
        {
            var result = new List<PacketRecord>();
            foreach (var r in set.Requirements)
            {
                switch (r.Kind)
                {
                    case RequirementKind.ExamPassed:
                        result.Add(new PacketRecord(r.ExamName!, record.ExamsPassed.TryGetValue(r.ExamId!, out var on)
                            ? $"Passed on {Eligibility.DateText(on)} (recorded by the institute)" : "Not recorded"));
                        break;
                    case RequirementKind.CodeOfEthicsSigned when r.CodeId is { } codeId:
                        var signed = await db.EthicsCodeSignatures.AsNoTracking().Where(s => s.PersonId == personId && s.CodeId == codeId)
                            .OrderByDescending(s => s.SignedAt).FirstOrDefaultAsync(ct);
                        var title = catalog.FindCode(codeId)?.Title ?? codeId;
                        result.Add(new PacketRecord($"Code of ethics: {title}", signed is null ? "Not signed"
                            : $"Version {signed.Version} signed on {signed.SignedAt.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)} with the typed name \"{signed.TypedName}\": {signed.Statement}"));
                        break;
                    case RequirementKind.CodeOfEthicsSigned:
                        var signature = await db.CodeOfEthicsSignatures.AsNoTracking().SingleOrDefaultAsync(s => s.PersonId == personId && s.CredentialId == set.Id, ct);
                        result.Add(new PacketRecord("Code of ethics", signature is null ? "Not signed"
                            : $"Signed on {signature.SignedAt.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)} with the typed name \"{signature.TypedName}\": {signature.Statement}"));
                        break;
                    case RequirementKind.TimeInRecovery:
                        var yes = record.RecoveryAnswers.Any(a => a.Key >= r.Years && a.Value);
                        var answered = yes || record.RecoveryAnswers.ContainsKey(r.Years);
                        result.Add(new PacketRecord($"At least {Eligibility.YearsText(r.Years)} in recovery", !answered ? "Not answered" : yes ? "The applicant answered yes" : "The applicant answered no"));
                        break;
                }
            }
            // Credentials the person already holds, verified by the institute: boards ask for them (reciprocity, the next rung).
            foreach (var held in (await Held.HeldCredentialState.LoadAsync(db, rules, [personId], ct)).Where(h => h.Verified))
            {
                result.Add(new PacketRecord($"Credential held: {held.CredentialName}", $"Number {held.Record.Number}, awarded {Eligibility.DateText(held.Record.AwardedOn)}"
                    + (held.Record.ExpiresOn is { } e ? $", expires {Eligibility.DateText(e)}" : "") + $"; verified by {held.DecidedBy} (file SHA-256 {held.Record.Sha256})"));
            }
            return result;
        }
    }

    /// <summary>The packet as one CSV table (a section column says what each row is). Cells a spreadsheet would run as a formula are quoted as text.</summary>
    public static string ToCsv(ApplicationPacketContent p) => Csv.Write(table => WriteRows(p, table.Row));

    private delegate void RowWriter(params string?[] cells);

    private static void WriteRows(ApplicationPacketContent p, RowWriter Row)
    {
        static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string H(decimal h) => Eligibility.Number(h);

        Row("Section", "Date", "Item", "Detail", "Board domain", "Hours", "Delivery", "Provider", "Provider number", "Status", "Reference");
        Row("Applicant", D(DateOnly.FromDateTime(p.GeneratedAt)), p.PersonName, p.PersonEmail, "", "", "", p.InstituteName, p.InstituteProviderNumber ?? "", p.Eligible ? "Eligible" : "Not yet eligible",
            $"{p.CredentialName} ({p.BoardName})");
        foreach (var r in p.Requirements)
        {
            Row("Requirement", r.Checked is { } c ? D(c) : "", r.Title, string.Join(" ", new[] { r.Progress, r.Gap, r.Pending }.Where(x => !string.IsNullOrEmpty(x))), "", "", "", "", "",
                r.Unconfirmed ? $"{r.Status} (not confirmed with the board)" : r.Status, r.Source);
        }
        foreach (var t in p.DomainTotals) Row("Domain total", "", t.Domain, t.Pending == 0 ? "" : $"{H(t.Pending)} hours waiting for sign-off", t.Domain, H(t.Counted), "", "", "", "", "");
        foreach (var t in p.Training) Row("Training", D(t.Date), t.Title, t.Detail, t.Domain, H(t.Hours), t.Delivery, t.Provider, t.ProviderNumber, t.Status, "");
        foreach (var c in p.Certificates) Row("Certificate", D(c.CompletedOn), c.Title, c.Kind, "", H(c.Hours), "", c.Issuer, "", "", c.VerificationUrl is null ? c.VerificationCode : $"{c.VerificationCode} {c.VerificationUrl}");
        foreach (var a in p.Attestations) Row("Supervisor attestation", a.SignedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), $"{a.Supervisor} (typed \"{a.TypedName}\")", a.Statement, "", "", "", "", "", a.Status, a.Covers);
        foreach (var x in p.Practicum) Row(x.Kind == "Practice" ? "Practice log" : "Supervision log", D(x.Date), x.Description, x.Setting, x.Domain, H(x.Hours), "", "", "", $"Signed off by {x.SignedOffBy}", x.Supervisor);
        foreach (var o in p.OtherRecords) Row("Record", "", o.Title, o.Detail, "", "", "", "", "", "", "");
    }

    public static string FileName(ApplicationPacketContent p, string credentialId, string extension)
    {
        var name = new string(p.PersonName.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
        while (name.Contains("--", StringComparison.Ordinal)) name = name.Replace("--", "-", StringComparison.Ordinal);
        return $"{credentialId}-packet-{(name.Length == 0 ? "applicant" : name)}.{extension}";
    }
}
