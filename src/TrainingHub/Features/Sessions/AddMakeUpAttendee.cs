using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Sessions;

/// <summary>
/// Adds a trainee from another cohort who makes up this lesson in this session. They start as not yet marked. A trainee
/// of another site is only asked, where the institute allows make-ups across sites: they join the list when they
/// accept (<see cref="AcceptMakeUp"/>), because their records belong to their own site (ADR 0012).
/// </summary>
public static class AddMakeUpAttendee
{
    /// <summary>Marks the record that only puts a make-up attendee on the list; it is not an attendance mark.</summary>
    public const string AddedForMakeUp = "added for a make-up";

    public const string NotFound = "No trainee of your site with this email address is enrolled in this course.";

    public sealed record Command(string ActorId, Guid SessionId, string Email) : ICommand<Result>;

    /// <param name="AwaitingConsent">The trainee is of another site: they were asked, and join the list when they accept.</param>
    public sealed record Result(bool AwaitingConsent);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the trainee's email address.")
                .EmailAddress().WithMessage("Enter an email address like name@example.org.");
        }
    }

    public sealed class Handler(TrainingHubDb db, CohortAccess access, TimeProvider clock, AuditTrail audit, SiteTimeZones zones, IOptions<InstituteOptions> institute) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var session = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.SessionId, ct)
                ?? throw new NotFoundException("There is no such session.");
            var cohort = await access.RequireCohortAsync(command.ActorId, session.CohortId, ct);
            if (session.Cancelled) throw new ValidationException([new ValidationFailure(nameof(Command.Email), "This session was cancelled, so no one can make up a lesson in it.")]);
            SessionWording.RequireStarted(session, clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById(await zones.ZoneIdOfCohortAsync(session.CohortId, ct)),
                nameof(Command.Email));
            var normalized = command.Email.Trim().ToUpperInvariant();
            var enrollment = await (from p in db.Users
                                    join e in db.Enrollments on p.Id equals e.PersonId
                                    where p.NormalizedEmail == normalized && e.CourseId == session.CourseId
                                    select e).AsNoTracking().SingleOrDefaultAsync(ct);
            if (enrollment is null) throw Invalid(NotFound);
            var sameSite = await OfSiteAsync(db, enrollment, cohort.SiteId, ct);
            if (!sameSite && !institute.Value.AllowCrossSiteMakeUps) throw Invalid(NotFound);
            var roster = await Roster.ForSessionAsync(db, session, ct);
            if (roster.Any(m => m.PersonId == enrollment.PersonId)) throw Invalid("This trainee is already on this session's list.");

            if (!sameSite)
            {
                if (await db.MakeUpRequests.AnyAsync(r => r.SessionId == session.Id && r.PersonId == enrollment.PersonId, ct))
                {
                    throw Invalid("This trainee has already been asked. They join the list when they accept, on their own make-ups page.");
                }
                db.MakeUpRequests.Add(new MakeUpRequest
                {
                    Id = Guid.NewGuid(), SessionId = session.Id, PersonId = enrollment.PersonId, RequestedById = command.ActorId, RequestedAt = clock.GetUtcNow().UtcDateTime,
                });
                audit.Record(command.ActorId, AuditActions.MakeUpRequested, $"session/{session.Id}", $"{enrollment.PersonId}: asked to make up here from another site");
                await db.SaveChangesAsync(ct);
                return new Result(AwaitingConsent: true);
            }
            AddToList(db, session.Id, enrollment.PersonId, command.ActorId, clock);
            audit.Record(command.ActorId, AuditActions.AttendanceRecorded, $"session/{session.Id}", $"{enrollment.PersonId}: added for a make-up");
            await db.SaveChangesAsync(ct);
            return new Result(AwaitingConsent: false);
        }

        private static ValidationException Invalid(string message) => new([new ValidationFailure(nameof(Command.Email), message)]);
    }

    /// <summary>
    /// Whether the enrolment belongs to the site: its cohort is the site's or, taken without a cohort, its person is a
    /// trainee there.
    /// </summary>
    public static async Task<bool> OfSiteAsync(TrainingHubDb db, Enrollment enrollment, Guid siteId, CancellationToken ct) =>
        enrollment.CohortId is { } cohortId
            ? await db.Cohorts.AsNoTracking().AnyAsync(c => c.Id == cohortId && c.SiteId == siteId, ct)
            : await db.SiteMemberships.AsNoTracking().AnyAsync(m => m.PersonId == enrollment.PersonId && m.SiteId == siteId && m.Role == Roles.Trainee, ct);

    internal static void AddToList(TrainingHubDb db, Guid sessionId, string personId, string actorId, TimeProvider clock) =>
        db.AttendanceRecords.Add(new AttendanceRecord
        {
            Id = Guid.NewGuid(),
            SessionId = sessionId,
            PersonId = personId,
            Present = false,
            MakeUp = true,
            RecordedById = actorId,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            CorrectionReason = AddedForMakeUp,
        });
}
