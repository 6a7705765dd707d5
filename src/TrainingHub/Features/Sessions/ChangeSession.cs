using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sessions;

/// <summary>
/// Moves a session or changes where it happens. Each change trainees should hear of bumps the session's iCalendar
/// SEQUENCE and queues one e-mail (with the updated invitation) per person on its list.
/// </summary>
public static class ChangeSession
{
    /// <returns>Whether anything changed (saving the same details again tells nobody anything).</returns>
    public sealed record Command(string ActorId, Guid SessionId, DateOnly? Date, TimeOnly? StartTime, string? Place, string? VideoLink)
        : ICommand<bool>, ISessionWhenAndWhere, Pipeline.ITransactional;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new SessionWhenAndWhereValidator());
    }

    public sealed class Handler(TrainingHubDb db, CohortAccess access, TimeProvider clock, AuditTrail audit, SiteTimeZones zones, SessionNotices notices)
        : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var session = await SessionChanges.ChangeableAsync(db, access, command.ActorId, command.SessionId, now, ct);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(await zones.ZoneIdOfCohortAsync(session.CohortId, ct));
            var startsAt = SessionWhenAndWhereValidator.StartUtc(command, zone);
            var place = SessionWhenAndWhereValidator.Clean(command.Place);
            var link = SessionWhenAndWhereValidator.Clean(command.VideoLink);
            if (startsAt == session.StartsAt && place == session.Place && link == session.VideoLink) return false;

            var before = $"{session.StartsAt:u}, {session.Place ?? "-"}, {session.VideoLink ?? "-"}";
            session.StartsAt = startsAt;
            session.Place = place;
            session.VideoLink = link;
            session.Sequence++;
            session.ChangedAt = now;
            audit.Record(command.ActorId, AuditActions.SessionChanged, $"session/{session.Id}",
                $"from {before} to {session.StartsAt:u}, {session.Place ?? "-"}, {session.VideoLink ?? "-"} (sequence {session.Sequence})");
            await notices.QueueAsync(session, ct);
            return true;
        }
    }
}

/// <summary>Cancels a session: it stays on record (and in calendars, marked cancelled); everyone on its list is told.</summary>
public static class CancelSession
{
    public sealed record Command(string ActorId, Guid SessionId, string? Reason) : ICommand, Pipeline.ITransactional;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).MaximumLength(500).WithMessage("Keep the reason under 500 characters.");
    }

    public sealed class Handler(TrainingHubDb db, CohortAccess access, TimeProvider clock, AuditTrail audit, SessionNotices notices)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var session = await SessionChanges.ChangeableAsync(db, access, command.ActorId, command.SessionId, now, ct);
            session.Cancelled = true;
            session.Sequence++;
            session.ChangedAt = now;
            var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
            audit.Record(command.ActorId, AuditActions.SessionCancelled, $"session/{session.Id}", reason is null ? $"sequence {session.Sequence}" : $"{reason} (sequence {session.Sequence})");
            await notices.QueueAsync(session, ct);
            return Unit.Value;
        }
    }
}

internal static class SessionChanges
{
    /// <summary>The session, tracked, when the actor runs its cohort and it can still change.</summary>
    public static async Task<LiveSession> ChangeableAsync(TrainingHubDb db, CohortAccess access, string actorId, Guid sessionId, DateTime utcNow, CancellationToken ct)
    {
        var session = await db.LiveSessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new NotFoundException("There is no such session.");
        await access.RequireCohortAsync(actorId, session.CohortId, ct);
        RequireChangeable(session, utcNow);
        return session;
    }

    /// <summary>A session that was cancelled or has started is history: attendance may hang on its time and place.</summary>
    public static void RequireChangeable(LiveSession session, DateTime utcNow)
    {
        if (session.Cancelled)
        {
            throw new ValidationException([new ValidationFailure("", "This session was cancelled. Schedule a new session instead.")]);
        }
        if (session.StartsAt <= utcNow)
        {
            throw new ValidationException([new ValidationFailure("", "This session has already started, so it can no longer be moved or cancelled.")]);
        }
    }
}
