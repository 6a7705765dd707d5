using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Practicum;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.LearningRecord;

/// <summary>
/// A person's record: one plain line per lesson or practicum item (what it stands at now, never a negative number), the
/// ledger's every entry with its reversals, and totals by course, domain and delivery mode.
/// </summary>
public static class MyHours
{
    public sealed record Query(string PersonId) : IQuery<Transcript>;

    public sealed record Line(DateOnly CompletedOn, string CourseId, string CourseTitle, string LessonTitle, decimal Hours, string DomainName,
        HoursDelivery Delivery, HoursSource Source, HoursStatus Status, string? Reason, Guid Id = default, string? RejectedReason = null, bool CanResubmit = false);

    public sealed record Total(string Name, decimal Credited, decimal Pending);

    public enum RecordState { Counted, SignedOff, Waiting, NotSignedOff, SignOffWithdrawn, NotCounted }

    /// <summary>
    /// One lesson (all its ledger entries: credits, reversals, sign-offs, resubmissions) or one practicum entry, as it
    /// stands. <paramref name="Hours"/> is what counts, or what waits, or what was not signed off; never below zero.
    /// <paramref name="ResendEntryIds"/> are the ledger entries the trainee can send back from My hours;
    /// <paramref name="ResendUrl"/> is where a practicum entry is sent again (the practice log).
    /// </summary>
    public sealed record RecordLine(string Key, DateOnly Date, string Title, string Detail, decimal Hours, RecordState State,
        string? By = null, DateOnly? DecidedOn = null, string? Reason = null, decimal CountedPart = 0, IReadOnlyList<Guid>? ResendEntryIds = null, string? ResendUrl = null)
    {
        public string Status => State switch
        {
            RecordState.SignedOff => $"Signed off by {By} on {DecidedOn:d MMM yyyy}",
            RecordState.Counted => $"Counted on {Date:d MMM yyyy}",
            RecordState.Waiting => CountedPart > 0 ? $"Waiting for sign-off ({CountedPart:0.##} h of it already counts)" : "Waiting for sign-off",
            RecordState.NotSignedOff => $"Not signed off: {Reason}",
            RecordState.SignOffWithdrawn => $"Sign-off withdrawn: {Reason}",
            _ => $"Not counted: {Reason}",
        };

        public bool CanSendAgain => ResendEntryIds is { Count: > 0 } || ResendUrl is not null;

        /// <summary>What a page needs to word the line in its reader's language: a lesson's course and delivery, or a practicum entry's kind.</summary>
        public string? CourseTitle { get; init; }

        public HoursDelivery? Delivery { get; init; }

        public PracticumKind? PracticumKind { get; init; }

        /// <summary>A practicum entry's own words (what was done, where) and its domain.</summary>
        public string? Description { get; init; }
    }

    /// <summary>
    /// Who the record is of and who trained them, as a board reads it on the CSV: the person, the institute, its
    /// approval numbers with each board and the institute's number of each course.
    /// </summary>
    public sealed record Holder(string PersonName, string Provider, string ProviderNumbers, IReadOnlyDictionary<string, string> CourseNumbers)
    {
        public string CourseNumber(string courseId) => CourseNumbers.GetValueOrDefault(courseId, courseId);

        /// <summary>"board number (since date)" for each board, in board order.</summary>
        public static string NumbersText(CredentialOptions credentials) => string.Join("; ", credentials.ProviderNumbers
            .Where(p => !string.IsNullOrWhiteSpace(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => credentials.ProviderNumbersFrom.TryGetValue(p.Key, out var from)
                ? $"{p.Key} {p.Value} (since {from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"
                : $"{p.Key} {p.Value}"));
    }

    public sealed record Transcript(IReadOnlyList<Line> Lines, IReadOnlyList<Total> ByCourse, IReadOnlyList<Total> ByDomain, IReadOnlyList<Total> ByDelivery,
        IReadOnlyList<RecordLine>? Record = null, decimal PracticeSignedOff = 0, decimal SupervisionSignedOff = 0, decimal PracticumWaiting = 0, Holder? Of = null)
    {
        public decimal Credited => Lines.Where(l => l.Status == HoursStatus.Credited).Sum(l => l.Hours);
        public decimal Pending => Lines.Where(l => l.Status == HoursStatus.Pending).Sum(l => l.Hours);
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, IOptions<CredentialOptions> credentials, IOptions<ExportOptions> exports) : IQueryHandler<Query, Transcript>
    {
        public async ValueTask<Transcript> Handle(Query query, CancellationToken ct)
        {
            var entries = await db.HoursEntries.AsNoTracking().Where(h => h.PersonId == query.PersonId)
                .OrderBy(h => h.CompletedOn).ThenBy(h => h.RecordedAt).ToListAsync(ct);
            var ids = entries.Select(e => e.Id).ToList();
            var decisions = await (from i in db.SignOffItems
                                   join s in db.SignOffs on i.SignOffId equals s.Id
                                   join u in db.Users on s.SupervisorId equals u.Id
                                   where i.Subject == SignOffSubject.Hours && ids.Contains(i.SubjectId)
                                   select new Decision(i.SubjectId, s.Decision, s.Reason, u.FullName, s.SignedAt)).AsNoTracking().ToListAsync(ct);
            var rejections = decisions.Where(d => d.Outcome == SignOffDecision.Rejected).ToDictionary(d => d.EntryId, d => d.Reason);
            var resubmitted = entries.Where(e => e.IdempotencyKey.StartsWith("resubmit/", StringComparison.Ordinal))
                .Select(e => e.IdempotencyKey["resubmit/".Length..]).ToHashSet(StringComparer.Ordinal);
            var lines = entries.Select(h => new Line(h.CompletedOn, h.CourseId, catalog.Find(h.CourseId)?.Title ?? h.CourseId,
                h.LessonId is null ? "" : catalog.FindLesson(h.CourseId, h.LessonId)?.Title ?? h.LessonId,
                h.Hours, catalog.DomainName(h.Domain), h.Delivery, h.Source, h.Status, h.Reason, h.Id,
                rejections.GetValueOrDefault(h.Id), rejections.ContainsKey(h.Id) && !resubmitted.Contains(h.Id.ToString()))).ToList();
            var practicum = await MyPracticum.EntriesAsync(db, catalog, query.PersonId, ct);
            var record = LessonLines(entries, decisions, resubmitted).Concat(PracticumLines(practicum))
                .OrderByDescending(l => l.Date).ThenBy(l => l.Title, StringComparer.CurrentCulture).ToList();
            return new Transcript(lines, Totals(lines, l => l.CourseTitle), Totals(lines, l => l.DomainName), Totals(lines, l => DeliveryName(l.Delivery)), record,
                practicum.Where(p => p.State == PracticumState.Approved && p.Kind == PracticumKind.Experience).Sum(p => p.Hours),
                practicum.Where(p => p.State == PracticumState.Approved && p.Kind == PracticumKind.Supervision).Sum(p => p.Hours),
                practicum.Where(p => p.State == PracticumState.Pending).Sum(p => p.Hours),
                new Holder(await db.Users.Where(u => u.Id == query.PersonId).Select(u => u.FullName).SingleOrDefaultAsync(ct) ?? "",
                    await db.Institutes.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Name).FirstOrDefaultAsync(ct) ?? "",
                    Holder.NumbersText(credentials.Value), exports.Value.CourseNumbers));
        }

        private sealed record Decision(Guid EntryId, SignOffDecision Outcome, string? Reason, string Supervisor, DateTime SignedAt);

        /// <summary>One line per lesson of an enrolment: its entries netted, with the decision that explains where it stands.</summary>
        private IEnumerable<RecordLine> LessonLines(List<HoursEntry> entries, List<Decision> decisions, HashSet<string> resubmitted)
        {
            foreach (var group in entries.GroupBy(e => (e.EnrollmentId, Lesson: e.LessonId ?? e.Id.ToString())))
            {
                var first = group.First();
                var course = catalog.Find(first.CourseId)?.Title ?? first.CourseId;
                var title = first.LessonId is null ? course : catalog.FindLesson(first.CourseId, first.LessonId)?.Title ?? first.LessonId;
                var detail = $"{course} · {DeliveryName(first.Delivery)}";
                var date = group.Max(e => e.CompletedOn);
                var key = $"lesson-{first.EnrollmentId:N}-{first.LessonId}";
                var credited = group.Where(e => e.Status == HoursStatus.Credited).Sum(e => e.Hours);
                var pending = group.Where(e => e.Status == HoursStatus.Pending).Sum(e => e.Hours);
                var mine = group.Select(e => e.Id).ToHashSet();
                if (pending > 0)
                {
                    yield return Described(course, first.Delivery, new RecordLine(key, date, title, detail, pending + Math.Max(0, credited), RecordState.Waiting, CountedPart: Math.Max(0, credited)));
                }
                else if (credited > 0)
                {
                    // Signed off when the credit came from a sign-off of this lesson's pending hours (the latest one, after a revocation).
                    var approval = decisions.Where(d => mine.Contains(d.EntryId) && d.Outcome == SignOffDecision.Approved).MaxBy(d => d.SignedAt);
                    var signedOff = approval is not null && group.Any(e => e.Status == HoursStatus.Credited && e.Hours > 0 && e.IdempotencyKey.StartsWith("signoff/", StringComparison.Ordinal));
                    yield return Described(course, first.Delivery, signedOff
                        ? new RecordLine(key, date, title, detail, credited, RecordState.SignedOff, approval!.Supervisor, DateOnly.FromDateTime(approval.SignedAt))
                        : new RecordLine(key, date, title, detail, credited, RecordState.Counted));
                }
                else
                {
                    var rejected = decisions.Where(d => mine.Contains(d.EntryId) && d.Outcome == SignOffDecision.Rejected).ToList();
                    var open = rejected.Where(d => !resubmitted.Contains(d.EntryId.ToString())).ToList();
                    if (open.Count > 0)
                    {
                        var latest = open.MaxBy(d => d.SignedAt)!;
                        var asked = group.Where(e => open.Any(d => d.EntryId == e.Id)).Sum(e => e.Hours);
                        yield return Described(course, first.Delivery, new RecordLine(key, date, title, detail, asked, RecordState.NotSignedOff, latest.Supervisor, DateOnly.FromDateTime(latest.SignedAt),
                            latest.Reason, ResendEntryIds: open.Select(d => d.EntryId).ToList()));
                    }
                    else
                    {
                        var reason = group.Where(e => e.Hours < 0).OrderBy(e => e.RecordedAt).LastOrDefault()?.Reason ?? "corrected to no hours";
                        yield return Described(course, first.Delivery, new RecordLine(key, date, title, detail, group.Where(e => e.Hours > 0 && e.ReversesEntryId is null).Select(e => e.Hours).DefaultIfEmpty(0).Max(),
                            RecordState.NotCounted, Reason: reason));
                    }
                }
            }
        }

        /// <summary>One line per practicum entry; an entry sent again is shown by its new entry only.</summary>
        private static RecordLine Described(string course, HoursDelivery delivery, RecordLine line) => line with { CourseTitle = course, Delivery = delivery };

        private static IEnumerable<RecordLine> PracticumLines(List<MyPracticum.Entry> practicum) =>
            practicum.Where(p => !p.Resubmitted).Select(p =>
            {
                var title = p.Kind == PracticumKind.Experience ? "Practice hours" : "Supervision hours";
                var detail = p.Description + (p.Setting is null ? "" : $" ({p.Setting})") + $" · {p.DomainName}";
                var key = $"practicum-{p.Id:N}";
                var resend = $"/my/practicum?resubmit={p.Id}#log-hours";
                var line = p.State switch
                {
                    PracticumState.Approved => new RecordLine(key, p.Date, title, detail, p.Hours, RecordState.SignedOff, p.DecidedBy,
                        p.DecidedAt is { } at ? DateOnly.FromDateTime(at) : null),
                    PracticumState.Rejected => new RecordLine(key, p.Date, title, detail, p.Hours, RecordState.NotSignedOff, p.DecidedBy, null, p.DecisionReason, ResendUrl: resend),
                    PracticumState.Revoked => new RecordLine(key, p.Date, title, detail, p.Hours, RecordState.SignOffWithdrawn, null, null, p.DecisionReason, ResendUrl: resend),
                    _ => new RecordLine(key, p.Date, title, detail, p.Hours, RecordState.Waiting),
                };
                return line with { PracticumKind = p.Kind, Description = p.Description + (p.Setting is null ? "" : $" ({p.Setting})") + $" · {p.DomainName}" };
            });

        private static List<Total> Totals(IEnumerable<Line> lines, Func<Line, string> key) =>
            lines.GroupBy(key).Select(g => new Total(g.Key,
                    g.Where(l => l.Status == HoursStatus.Credited).Sum(l => l.Hours),
                    g.Where(l => l.Status == HoursStatus.Pending).Sum(l => l.Hours)))
                .Where(t => t.Credited != 0 || t.Pending != 0)
                .OrderBy(t => t.Name, StringComparer.CurrentCulture).ToList();
    }

    public static string DeliveryName(HoursDelivery d) => d switch
    {
        HoursDelivery.InPerson => "In person",
        HoursDelivery.LiveVirtual => "Live online",
        _ => "Self-paced",
    };

    /// <summary>The CSV's column headings, in English; a page passes them through its localizer.</summary>
    public static readonly IReadOnlyList<string> CsvHeadings =
        ["Person", "Training provider", "Provider approval numbers", "Course number", "Date completed", "Course", "Lesson", "Hours", "Domain", "Delivery", "Source", "Status", "Correction reason"];

    /// <summary>
    /// The transcript as CSV for a board or an employer: one row per ledger entry, so a lesson whose hours are split
    /// across domains has a row for each domain's part. Cells that a spreadsheet would run as a formula are written as text.
    /// </summary>
    public static string ToCsv(Transcript transcript, Func<string, string>? words = null)
    {
        var of = transcript.Of ?? new Holder("", "", "", new Dictionary<string, string>());
        return Csv.Write(table =>
        {
            table.Row(CsvHeadings.Select(words ?? (w => w)));
            foreach (var l in transcript.Lines)
            {
                table.Row(of.PersonName, of.Provider, of.ProviderNumbers, of.CourseNumber(l.CourseId),
                    l.CompletedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.CourseTitle, l.LessonTitle,
                    l.Hours.ToString("0.00", CultureInfo.InvariantCulture), l.DomainName, DeliveryName(l.Delivery), l.Source.ToString(), l.Status.ToString(), l.Reason);
            }
        });
    }
}
