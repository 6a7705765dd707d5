using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Sessions;

/// <summary>A session with its roster: the cohort's trainees and any make-up attendees, each with their latest attendance.</summary>
public static class SessionAttendance
{
    public sealed record Query(string ActorId, Guid SessionId) : IQuery<Result>;

    public sealed record Attendee(string PersonId, string FullName, string Email, bool MakeUp, bool? Present, int? FromMinute, int? ToMinute, decimal CreditedHours);

    /// <param name="Started">Attendance can be recorded; the session can no longer be moved or cancelled.</param>
    /// <param name="ZoneName">The time zone's name, for a page that words <paramref name="When"/> in its reader's language.</param>
    public sealed record Result(LiveSession Session, string CohortName, string CourseTitle, string LessonTitle, decimal LessonHours, DateTime StartsAtLocal,
        AttendanceRule Rule, IReadOnlyList<Attendee> Roster, string When, bool Started, DateTime EndsAtLocal = default, string ZoneName = "");

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, CohortAccess access, SiteTimeZones zones, TimeProvider clock,
        IOptions<LearningRecordOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var session = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.SessionId, ct)
                ?? throw new NotFoundException("There is no such session.");
            var cohort = await access.RequireCohortAsync(query.ActorId, session.CohortId, ct);
            var lesson = catalog.FindLesson(session.CourseId, session.LessonId) ?? throw new NotFoundException("This session's lesson is no longer in the course.");
            var roster = await Roster.ForSessionAsync(db, session, ct);
            var latest = await Roster.LatestAttendanceAsync(db, session.Id, ct);
            var credited = await db.HoursEntries.AsNoTracking().Where(h => h.LiveSessionId == session.Id)
                .GroupBy(h => h.PersonId).Select(g => new { g.Key, Hours = g.Sum(h => h.Hours) }).ToDictionaryAsync(x => x.Key, x => x.Hours, ct);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(await zones.ZoneIdOfCohortAsync(cohort.Id, ct));
            var startsLocal = TimeZoneInfo.ConvertTimeFromUtc(session.StartsAt, zone);
            var endsLocal = TimeZoneInfo.ConvertTimeFromUtc(session.EndsAt, zone);
            return new Result(session, cohort.Name, catalog.Find(session.CourseId)?.Title ?? session.CourseId, lesson.Title, lesson.Hours,
                startsLocal, options.Value.AttendanceRule,
                roster.Select(p =>
                {
                    var a = latest.GetValueOrDefault(p.PersonId);
                    return new Attendee(p.PersonId, p.FullName, p.Email, p.MakeUp, a?.Present, a?.PresentFromMinute, a?.PresentToMinute, credited.GetValueOrDefault(p.PersonId));
                }).ToList(), SessionWording.When(startsLocal, endsLocal, zone),
                session.StartsAt <= clock.GetUtcNow().UtcDateTime, endsLocal, SessionWording.ZoneName(zone, startsLocal));
        }
    }
}

internal static class Roster
{
    public sealed record Member(string PersonId, string FullName, string Email, bool MakeUp);

    public static async Task<IReadOnlyList<Member>> ForSessionAsync(TrainingHubDb db, LiveSession session, CancellationToken ct)
    {
        var cohortMembers = await (from e in db.Enrollments.AsNoTracking()
                                   join p in db.Users.AsNoTracking() on e.PersonId equals p.Id
                                   where e.CohortId == session.CohortId && e.CourseId == session.CourseId && e.Status != EnrollmentStatus.Withdrawn
                                   select new Member(p.Id, p.FullName, p.Email ?? "", false)).ToListAsync(ct);
        var makeUps = await (from a in db.AttendanceRecords.AsNoTracking()
                             join p in db.Users.AsNoTracking() on a.PersonId equals p.Id
                             where a.SessionId == session.Id && a.MakeUp
                             select new Member(p.Id, p.FullName, p.Email ?? "", true)).Distinct().ToListAsync(ct);
        return cohortMembers.Concat(makeUps.Where(m => cohortMembers.All(c => c.PersonId != m.PersonId)))
            .DistinctBy(m => m.PersonId).OrderBy(m => m.FullName, StringComparer.CurrentCulture).ToList();
    }

    public static async Task<Dictionary<string, AttendanceRecord>> LatestAttendanceAsync(TrainingHubDb db, Guid sessionId, CancellationToken ct)
    {
        var records = await db.AttendanceRecords.AsNoTracking()
            .Where(a => a.SessionId == sessionId && !(a.MakeUp && !a.Present && a.CorrectionReason == AddMakeUpAttendee.AddedForMakeUp))
            .ToListAsync(ct);
        return records.GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).Last());
    }
}
