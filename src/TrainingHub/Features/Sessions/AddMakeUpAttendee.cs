using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sessions;

/// <summary>Adds a trainee from another cohort who makes up this lesson in this session. They start as not yet marked.</summary>
public static class AddMakeUpAttendee
{
    /// <summary>Marks the record that only puts a make-up attendee on the list; it is not an attendance mark.</summary>
    public const string AddedForMakeUp = "added for a make-up";

    public sealed record Command(string ActorId, Guid SessionId, string Email) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the trainee's email address.")
                .EmailAddress().WithMessage("Enter an email address like name@example.org.");
        }
    }

    public sealed class Handler(TrainingHubDb db, CohortAccess access, TimeProvider clock, AuditTrail audit, SiteTimeZones zones) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var session = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.SessionId, ct)
                ?? throw new NotFoundException("There is no such session.");
            await access.RequireCohortAsync(command.ActorId, session.CohortId, ct);
            if (session.Cancelled) throw new ValidationException([new ValidationFailure(nameof(Command.Email), "This session was cancelled, so no one can make up a lesson in it.")]);
            SessionWording.RequireStarted(session, clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById(await zones.ZoneIdOfCohortAsync(session.CohortId, ct)),
                nameof(Command.Email));
            var normalized = command.Email.Trim().ToUpperInvariant();
            var enrollment = await (from p in db.Users
                                    join e in db.Enrollments on p.Id equals e.PersonId
                                    where p.NormalizedEmail == normalized && e.CourseId == session.CourseId
                                    select e).AsNoTracking().SingleOrDefaultAsync(ct);
            if (enrollment is null)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.Email), "No trainee with this email address is enrolled in this course.")]);
            }
            var roster = await Roster.ForSessionAsync(db, session, ct);
            if (roster.Any(m => m.PersonId == enrollment.PersonId))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.Email), "This trainee is already on this session's list.")]);
            }
            db.AttendanceRecords.Add(new AttendanceRecord
            {
                Id = Guid.NewGuid(),
                SessionId = session.Id,
                PersonId = enrollment.PersonId,
                Present = false,
                MakeUp = true,
                RecordedById = command.ActorId,
                RecordedAt = clock.GetUtcNow().UtcDateTime,
                CorrectionReason = AddedForMakeUp,
            });
            audit.Record(command.ActorId, AuditActions.AttendanceRecorded, $"session/{session.Id}", $"{enrollment.PersonId}: added for a make-up");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
