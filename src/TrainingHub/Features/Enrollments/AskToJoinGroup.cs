using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.People;

namespace TrainingHub.Features.Enrollments;

/// <summary>
/// A trainee enrolled in a course but in no group asks their site's coordinator to add them to one. Asking again while a
/// request waits (a double click, a second tab) returns the waiting request.
/// </summary>
public static class AskToJoinGroup
{
    public sealed record Command(string PersonId, string CourseId, string? Note) : ICommand<Guid>, ITransactional;

    public const int NoteMaxLength = 500;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PersonId).NotEmpty();
            RuleFor(c => c.Note).MaximumLength(NoteMaxLength).WithMessage("Keep your note to {MaxLength} characters.");
        }
    }

    public sealed class Handler(TrainingHubDb db, UnitOfWork unitOfWork, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var enrollment = await db.Enrollments.AsNoTracking().SingleOrDefaultAsync(e => e.PersonId == command.PersonId && e.CourseId == command.CourseId, ct)
                ?? throw SiteMembers.Invalid("", "Enrol in this course first; then you can ask to join a group.");
            if (enrollment.CohortId is not null) throw SiteMembers.Invalid("", "You are already in a group for this course.");
            if (enrollment.Status != EnrollmentStatus.Active) throw SiteMembers.Invalid("", "This course is finished or you left it, so there is no group to join.");
            var waiting = await db.GroupRequests.AsNoTracking()
                .Where(r => r.EnrollmentId == enrollment.Id && r.OpenKey == GroupRequest.OpenKeyWhileWaiting).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct);
            if (waiting is { } id) return id;
            var siteId = await db.SiteMemberships.AsNoTracking().Where(m => m.PersonId == command.PersonId && m.Role == Roles.Trainee)
                .OrderBy(m => m.CreatedAt).Select(m => (Guid?)m.SiteId).FirstOrDefaultAsync(ct)
                ?? throw SiteMembers.Invalid("", "You are not a trainee at a site yet, so there is no coordinator to ask. Ask the institute to add you to a site.");
            var request = new GroupRequest
            {
                Id = Guid.NewGuid(), PersonId = command.PersonId, EnrollmentId = enrollment.Id, CourseId = enrollment.CourseId, SiteId = siteId,
                Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), RequestedAt = clock.GetUtcNow().UtcDateTime,
                Status = GroupRequestStatus.Waiting,
            };
            db.GroupRequests.Add(request);
            audit.Record(command.PersonId, GroupRequestAuditActions.Asked, $"group-request/{request.Id}", $"enrollment/{enrollment.Id}, site/{siteId}");
            try
            {
                await unitOfWork.SaveAsync(ct);
            }
            catch (DbUpdateException e) when (DbConflicts.IsLostRace(e))
            {
                // Another tab asked at the same moment; the unique key kept one waiting request.
                throw SiteMembers.Invalid("", "You have already asked to join a group. Your coordinator will answer by e-mail.");
            }
            return request.Id;
        }
    }
}
