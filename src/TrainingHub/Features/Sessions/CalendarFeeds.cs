using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Sessions;

/// <summary>
/// A person's private calendar feed address. The token is 256 random bits shown once; only its SHA-256 is stored, so a
/// copy of the database does not reveal feed addresses. Making a new one overwrites the hash: the old address stops at once.
/// </summary>
public static class CalendarFeeds
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Makes (or replaces) the person's feed token and returns it: the only time it is ever readable.</summary>
    public sealed record Replace(string PersonId) : ICommand<string>, Pipeline.ITransactional;

    public sealed class ReplaceHandler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Replace, string>
    {
        public async ValueTask<string> Handle(Replace command, CancellationToken ct)
        {
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.PersonId == command.PersonId, ct);
            var replaced = feed is not null;
            if (feed is null)
            {
                feed = new CalendarFeed { PersonId = command.PersonId };
                db.CalendarFeeds.Add(feed);
            }
            feed.TokenHash = Hash(token);
            feed.CreatedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record(command.PersonId, AuditActions.CalendarFeedReplaced, $"person/{command.PersonId}", replaced ? "replaced; the old address no longer works" : "created");
            return token;
        }
    }

    /// <summary>When the person's current feed address was made, or null when they have none.</summary>
    public sealed record Status(string PersonId) : IQuery<DateTime?>;

    public sealed class StatusHandler(TrainingHubDb db) : IQueryHandler<Status, DateTime?>
    {
        public async ValueTask<DateTime?> Handle(Status query, CancellationToken ct) =>
            await db.CalendarFeeds.AsNoTracking().Where(f => f.PersonId == query.PersonId).Select(f => (DateTime?)f.CreatedAt).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The feed behind a token: every session on the person's list from a month ago on, cancelled ones marked so
    /// calendars take them off. An unknown or replaced token is "not found", never a hint that it once existed.
    /// </summary>
    public sealed record Feed(string Token) : IQuery<string>;

    public sealed class FeedHandler(TrainingHubDb db, SessionDirectory directory, TimeProvider clock, IOptions<InstituteOptions> institute) : IQueryHandler<Feed, string>
    {
        public async ValueTask<string> Handle(Feed query, CancellationToken ct)
        {
            var hash = Hash(query.Token);
            var personId = await db.CalendarFeeds.AsNoTracking().Where(f => f.TokenHash == hash).Select(f => f.PersonId).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("There is no calendar at this address.");
            var now = clock.GetUtcNow().UtcDateTime;
            var sessions = await directory.ReadAsync(directory.OfPerson(personId).Where(s => s.StartsAt > now.AddDays(-31)), ct);
            return SessionCalendar.Write(sessions, "PUBLISH", new Uri(institute.Value.PublicBaseUrl).Host, now, calendarName: $"{institute.Value.Name} sessions",
                emptyZoneId: institute.Value.TimeZone);
        }
    }
}
