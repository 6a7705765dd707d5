using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Xapi;

/// <summary>An xAPI statement to send to the configured LRS; its key is the statement id, so it is queued once.</summary>
public sealed record XapiStatementDue(Guid StatementId, string Statement) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.XapiStatement;
    public string Key => $"xapi/{StatementId}";
}

/// <summary>
/// Queues a statement in the same save as each event it reports, whichever use case or job wrote it: a lesson credited
/// (attendance or a self-paced lesson), a quiz attempt submitted, a certificate issued. Nothing at all when xAPI is off.
/// The rows are picked up by the outbox pass (a save through the unit of work kicks it too).
/// </summary>
public sealed class XapiRecorder(IOptions<XapiOptions> options, IOptions<InstituteOptions> institute, CourseCatalog catalog, TimeProvider clock) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Record(db);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Record(db);
        return result;
    }

    private void Record(DbContext db)
    {
        if (!options.Value.IsEnabled()) return;
        db.ChangeTracker.DetectChanges();
        var context = new XapiStatements.Context(ActivityBase(options.Value, institute.Value), catalog);
        var statements = new List<System.Text.Json.Nodes.JsonObject>();

        var credits = db.ChangeTracker.Entries<HoursEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .Where(h => h.Status == HoursStatus.Credited && h.Hours > 0 && h.ReversesEntryId is null && h.Source != HoursSource.Correction && h.LessonId is not null);
        foreach (var lesson in credits.GroupBy(h => (h.EnrollmentId, h.LessonId, h.LiveSessionId, h.Source)))
        {
            statements.Add(XapiStatements.LessonCredit(context, lesson.ToList()));
        }
        foreach (var attempt in db.ChangeTracker.Entries<QuizAttempt>()
                     .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.Passed is not null && e.Entity.SubmittedAt is not null
                                 && (e.State == EntityState.Added || e.Property(a => a.SubmittedAt).IsModified)))
        {
            var version = db.Set<Enrollment>().Local.FirstOrDefault(x => x.PersonId == attempt.Entity.PersonId && x.CourseId == attempt.Entity.CourseId)?.CourseVersion
                          ?? catalog.Find(attempt.Entity.CourseId)?.Version ?? "";
            statements.Add(XapiStatements.QuizResult(context, attempt.Entity, version));
        }
        foreach (var certificate in db.ChangeTracker.Entries<Certificate>().Where(e => e.State == EntityState.Added))
        {
            statements.Add(XapiStatements.CertificateIssued(context, certificate.Entity));
        }

        var outbox = db.Set<OutboxMessage>();
        foreach (var statement in statements)
        {
            var message = new XapiStatementDue(Guid.Parse((string)statement["id"]!), statement.ToJsonString());
            if (outbox.Local.Any(m => m.Key == message.Key)) continue;
            outbox.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(),
                Kind = XapiStatementDue.Kind,
                Key = message.Key,
                Payload = JsonSerializer.Serialize(message, Outbox.Outbox.Json),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
    }

    public static string ActivityBase(XapiOptions xapi, InstituteOptions institute) =>
        (xapi.ActivityBase.Length > 0 ? xapi.ActivityBase : institute.PublicBaseUrl).TrimEnd('/');
}
