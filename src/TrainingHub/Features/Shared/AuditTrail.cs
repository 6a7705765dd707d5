using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Shared;

/// <summary>Adds an audit event to the unit of work; it is saved with the change it describes, or not at all.</summary>
public sealed class AuditTrail(TrainingHubDb db, TimeProvider clock, IRequestOrigin origin)
{
    /// <param name="ipAddress">Where the request came from, when the event is recorded after it (an outbox handler); else the current request's.</param>
    public void Record(string? actorId, string action, string subject, string? details = null, string? ipAddress = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            Action = action,
            Subject = subject,
            Details = details,
            IpAddress = ipAddress ?? origin.IpAddress,
        });
}
