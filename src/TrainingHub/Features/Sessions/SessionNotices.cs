using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;

namespace TrainingHub.Features.Sessions;

/// <summary>Queues, in the change's own unit of work, one notice per person on a session's list.</summary>
public sealed class SessionNotices(TrainingHubDb db, Outbox.Outbox outbox)
{
    public async Task QueueAsync(LiveSession session, CancellationToken ct)
    {
        foreach (var member in await Roster.ForSessionAsync(db, session, ct))
        {
            outbox.Add(new SessionNoticeDue(session.Id, member.PersonId, session.Sequence));
        }
    }
}
