using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Enrollments;

public static class Enroll
{
    public sealed record Command(string PersonId, string CourseId) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog)
        {
            RuleFor(c => c.PersonId).NotEmpty();
            RuleFor(c => c.CourseId)
                .Must(id => catalog.Find(id) is { Published: true })
                .WithMessage("This course is not open for enrolment. Choose a course from the catalog.");
        }
    }

    /// <summary>Idempotent: enrolling twice (a double click, a retry) returns the existing enrolment.</summary>
    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var existing = await db.Enrollments.AsNoTracking()
                .Where(e => e.PersonId == command.PersonId && e.CourseId == command.CourseId)
                .Select(e => (Guid?)e.Id).SingleOrDefaultAsync(ct);
            if (existing is not null) return existing.Value;

            var course = catalog.Find(command.CourseId)!;
            var enrollment = new Enrollment
            {
                Id = Guid.NewGuid(),
                PersonId = command.PersonId,
                CourseId = course.Id,
                CourseVersion = course.Version,
                ContentHash = course.ContentHash,
                Status = EnrollmentStatus.Active,
                EnrolledAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Enrollments.Add(enrollment);
            audit.Record(command.PersonId, AuditActions.Enrolled, $"enrollment/{enrollment.Id}", $"course {course.Id} version {course.Version}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A concurrent request enrolled the same person first; the unique index kept it to one.
                db.ChangeTracker.Clear();
                return await db.Enrollments.AsNoTracking()
                    .Where(e => e.PersonId == command.PersonId && e.CourseId == command.CourseId)
                    .Select(e => e.Id).SingleAsync(ct);
            }
            return enrollment.Id;
        }
    }
}
