using Mediator;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Sessions;

/// <summary>
/// The sessions on a person's list that have not ended yet, soonest first (cancelled ones too, marked, so nobody comes
/// in vain), optionally for one lesson. The home page shows the first; the lesson page its own; "Upcoming sessions" all.
/// </summary>
public static class MyUpcomingSessions
{
    public sealed record Query(string PersonId, string? CourseId = null, string? LessonId = null, int? Take = null) : IQuery<IReadOnlyList<SessionDetails>>;

    public sealed class Handler(SessionDirectory directory, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<SessionDetails>>
    {
        public async ValueTask<IReadOnlyList<SessionDetails>> Handle(Query query, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var sessions = directory.OfPerson(query.PersonId);
            if (query.CourseId is { } course) sessions = sessions.Where(s => s.CourseId == course);
            if (query.LessonId is { } lesson) sessions = sessions.Where(s => s.LessonId == lesson);
            // Ends after now: a session in progress is still one to join. Duration is in minutes, so compare starts with a day's margin first.
            var details = await directory.ReadAsync(sessions.Where(s => s.StartsAt > now.AddDays(-1)), ct);
            var upcoming = details.Where(s => s.EndsAtUtc > now);
            return (query.Take is { } take ? upcoming.Take(take) : upcoming).ToList();
        }
    }
}

/// <summary>One session of the person's as a calendar file to open or save (METHOD:PUBLISH). Someone not on its list gets "no such session".</summary>
public static class MySessionCalendar
{
    public sealed record Query(string PersonId, Guid SessionId) : IQuery<string>;

    public sealed class Handler(SessionDirectory directory, TimeProvider clock, IOptions<InstituteOptions> institute) : IQueryHandler<Query, string>
    {
        public async ValueTask<string> Handle(Query query, CancellationToken ct)
        {
            var session = (await directory.ReadAsync(directory.OfPerson(query.PersonId).Where(s => s.Id == query.SessionId), ct)).SingleOrDefault()
                ?? throw new NotFoundException("There is no such session.");
            return SessionCalendar.Write([session], "PUBLISH", new Uri(institute.Value.PublicBaseUrl).Host, clock.GetUtcNow().UtcDateTime);
        }
    }
}
