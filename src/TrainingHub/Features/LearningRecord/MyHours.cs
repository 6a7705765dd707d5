using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.LearningRecord;

/// <summary>A person's transcript from the hours ledger: every entry, and totals by course, domain and delivery mode.</summary>
public static class MyHours
{
    public sealed record Query(string PersonId) : IQuery<Transcript>;

    public sealed record Line(DateOnly CompletedOn, string CourseId, string CourseTitle, string LessonTitle, decimal Hours, string DomainName,
        HoursDelivery Delivery, HoursSource Source, HoursStatus Status, string? Reason, Guid Id = default, string? RejectedReason = null, bool CanResubmit = false);

    public sealed record Total(string Name, decimal Credited, decimal Pending);

    public sealed record Transcript(IReadOnlyList<Line> Lines, IReadOnlyList<Total> ByCourse, IReadOnlyList<Total> ByDomain, IReadOnlyList<Total> ByDelivery)
    {
        public decimal Credited => Lines.Where(l => l.Status == HoursStatus.Credited).Sum(l => l.Hours);
        public decimal Pending => Lines.Where(l => l.Status == HoursStatus.Pending).Sum(l => l.Hours);
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog) : IQueryHandler<Query, Transcript>
    {
        public async ValueTask<Transcript> Handle(Query query, CancellationToken ct)
        {
            var entries = await db.HoursEntries.AsNoTracking().Where(h => h.PersonId == query.PersonId)
                .OrderBy(h => h.CompletedOn).ThenBy(h => h.RecordedAt).ToListAsync(ct);
            var ids = entries.Select(e => e.Id).ToList();
            var rejections = await (from i in db.SignOffItems
                                    join s in db.SignOffs on i.SignOffId equals s.Id
                                    where i.Subject == SignOffSubject.Hours && ids.Contains(i.SubjectId) && s.Decision == SignOffDecision.Rejected
                                    select new { i.SubjectId, s.Reason }).AsNoTracking().ToDictionaryAsync(x => x.SubjectId, x => x.Reason, ct);
            var resubmitted = entries.Where(e => e.IdempotencyKey.StartsWith("resubmit/", StringComparison.Ordinal))
                .Select(e => e.IdempotencyKey["resubmit/".Length..]).ToHashSet(StringComparer.Ordinal);
            var lines = entries.Select(h => new Line(h.CompletedOn, h.CourseId, catalog.Find(h.CourseId)?.Title ?? h.CourseId,
                h.LessonId is null ? "" : catalog.FindLesson(h.CourseId, h.LessonId)?.Title ?? h.LessonId,
                h.Hours, catalog.DomainName(h.Domain), h.Delivery, h.Source, h.Status, h.Reason, h.Id,
                rejections.GetValueOrDefault(h.Id), rejections.ContainsKey(h.Id) && !resubmitted.Contains(h.Id.ToString()))).ToList();
            return new Transcript(lines, Totals(lines, l => l.CourseTitle), Totals(lines, l => l.DomainName), Totals(lines, l => DeliveryName(l.Delivery)));
        }

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

    /// <summary>The transcript as CSV for a board or an employer. Cells that a spreadsheet would run as a formula are quoted as text.</summary>
    public static string ToCsv(Transcript transcript)
    {
        var sb = new StringBuilder();
        sb.Append("Date completed,Course,Lesson,Hours,Domain,Delivery,Source,Status,Correction reason\r\n");
        foreach (var l in transcript.Lines)
        {
            sb.AppendJoin(',', new[]
            {
                l.CompletedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.CourseTitle, l.LessonTitle,
                l.Hours.ToString("0.00", CultureInfo.InvariantCulture), l.DomainName, DeliveryName(l.Delivery), l.Source.ToString(), l.Status.ToString(), l.Reason ?? "",
            }.Select(Csv.Cell));
            sb.Append("\r\n");
        }
        return sb.ToString();
    }
}
