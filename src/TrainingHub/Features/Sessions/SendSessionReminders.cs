using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Sessions;

/// <summary>
/// The reminder the day before: each person on the list of a session starting within the next day gets one reminder.
/// The outbox key (session, time it was set for, person) is unique, so two runs at once, on one server or two, queue it
/// once; the loser's insert is a lost race and is skipped.
/// </summary>
public static class SendSessionReminders
{
    /// <returns>How many reminders this run queued.</returns>
    public sealed record Command : ICommand<int>;

    /// <summary>How far ahead a reminder goes out: a session starting within this is "tomorrow" or sooner.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, Outbox.Outbox outbox, UnitOfWork unitOfWork)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var until = now + Ahead;
            var sessions = await db.LiveSessions.AsNoTracking().Where(s => !s.Cancelled && s.StartsAt > now && s.StartsAt <= until).ToListAsync(ct);
            var queued = 0;
            foreach (var session in sessions)
            {
                foreach (var member in await Roster.ForSessionAsync(db, session, ct))
                {
                    var reminder = new SessionReminderDue(session.Id, member.PersonId, session.Sequence);
                    if (await outbox.QueuedAsync(reminder.Key, ct)) continue;
                    outbox.Add(reminder);
                    try
                    {
                        await unitOfWork.SaveAsync(ct);
                        queued++;
                    }
                    catch (DbUpdateException e) when (DbConflicts.IsLostRace(e))
                    {
                        // Another run queued this reminder between our check and our insert.
                        db.ChangeTracker.Clear();
                    }
                }
            }
            return queued;
        }
    }
}
