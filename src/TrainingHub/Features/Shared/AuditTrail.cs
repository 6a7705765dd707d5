using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Shared;

/// <summary>Adds an audit event to the unit of work; it is saved with the change it describes, or not at all.</summary>
public sealed class AuditTrail(TrainingHubDb db, TimeProvider clock, IRequestOrigin origin)
{
    public void Record(string? actorId, string action, string subject, string? details = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            Action = action,
            Subject = subject,
            Details = details,
            IpAddress = origin.IpAddress,
        });
}
