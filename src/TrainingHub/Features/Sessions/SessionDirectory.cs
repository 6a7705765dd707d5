using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Sessions;

/// <summary>A session as a trainee reads it: what, when (in its site's zone), where, with whom.</summary>
public sealed record SessionDetails(Guid Id, string CourseId, string CourseTitle, string LessonId, string LessonTitle, string CohortName,
    string? FacilitatorName, string? FacilitatorEmail, DateTime StartsAtUtc, DateTime EndsAtUtc, string ZoneId, string? Place, string? VideoLink,
    bool Cancelled, int Sequence, DateTime CreatedAt, DateTime? ChangedAt)
{
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
    public DateTime StartsAtLocal => TimeZoneInfo.ConvertTimeFromUtc(StartsAtUtc, Zone);
    public DateTime EndsAtLocal => TimeZoneInfo.ConvertTimeFromUtc(EndsAtUtc, Zone);
    public string When => SessionWording.When(StartsAtLocal, EndsAtLocal, Zone);
}

/// <summary>Reads sessions with their course, cohort, facilitator and zone; and which sessions are a person's.</summary>
public sealed class SessionDirectory(TrainingHubDb db, CourseCatalog catalog, SiteTimeZones zones)
{
    /// <summary>
    /// The sessions on a person's list: those of each cohort they are in for the session's course (not withdrawn), and
    /// those they were added to as a make-up attendee. Nobody else's.
    /// </summary>
    public IQueryable<LiveSession> OfPerson(string personId) =>
        db.LiveSessions.AsNoTracking().Where(s =>
            db.Enrollments.Any(e => e.PersonId == personId && e.CohortId == s.CohortId && e.CourseId == s.CourseId && e.Status != EnrollmentStatus.Withdrawn)
            || db.AttendanceRecords.Any(a => a.SessionId == s.Id && a.PersonId == personId && a.MakeUp));

    public async Task<List<SessionDetails>> ReadAsync(IQueryable<LiveSession> sessions, CancellationToken ct)
    {
        var rows = await (from s in sessions
                          join c in db.Cohorts on s.CohortId equals c.Id
                          join site in db.Sites on c.SiteId equals site.Id
                          from f in db.Users.Where(u => u.Id == c.FacilitatorId).DefaultIfEmpty()
                          orderby s.StartsAt
                          select new { Session = s, CohortName = c.Name, SiteZone = site.TimeZone, FacilitatorName = f == null ? null : f.FullName, FacilitatorEmail = f == null ? null : f.Email })
            .AsNoTracking().ToListAsync(ct);
        return rows.Select(r => new SessionDetails(r.Session.Id, r.Session.CourseId, catalog.Find(r.Session.CourseId)?.Title ?? r.Session.CourseId,
            r.Session.LessonId, catalog.FindLesson(r.Session.CourseId, r.Session.LessonId)?.Title ?? r.Session.LessonId, r.CohortName,
            r.FacilitatorName, r.FacilitatorEmail, r.Session.StartsAt, r.Session.EndsAt, zones.ZoneIdOf(r.SiteZone), r.Session.Place, r.Session.VideoLink,
            r.Session.Cancelled, r.Session.Sequence, r.Session.CreatedAt, r.Session.ChangedAt)).ToList();
    }
}
