using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.People;

namespace TrainingHub.Features.Sites.Cohorts;

/// <summary>
/// The coordinator of the trainee's site answers a request to join a group: accepting puts the trainee's enrolment in the
/// chosen group of their course; declining needs a reason. Both are audited, and the trainee is told by e-mail.
/// </summary>
public static class AnswerGroupRequest
{
    public sealed record Command(string ActorId, Guid SiteId, Guid RequestId, bool Accept, Guid? CohortId, string? Reason) : ICommand<Unit>, ITransactional;

    public const int ReasonMaxLength = 500;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CohortId).NotNull().When(c => c.Accept).WithMessage("Choose the group to add this trainee to.");
            RuleFor(c => c.Reason).NotEmpty().When(c => !c.Accept).WithMessage("Say why, so the trainee knows what to do next (for example, when the next group starts).")
                .MaximumLength(ReasonMaxLength).WithMessage("Keep the reason to {MaxLength} characters.");
        }
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, UnitOfWork unitOfWork, Outbox.Outbox outbox, TimeProvider clock, AuditTrail audit)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(command.ActorId, command.SiteId, SiteScope.CoordinatorRoles, ct);
            var request = await db.GroupRequests.SingleOrDefaultAsync(r => r.Id == command.RequestId && r.SiteId == site.Id, ct)
                ?? throw new NotFoundException("Your site has no such request.");
            if (request.Status != GroupRequestStatus.Waiting) throw SiteMembers.Invalid("", "This request was already answered.");
            var now = clock.GetUtcNow().UtcDateTime;
            if (command.Accept)
            {
                var cohort = await db.Cohorts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CohortId && c.SiteId == site.Id && c.CourseId == request.CourseId, ct)
                    ?? throw SiteMembers.Invalid(nameof(Command.CohortId), "Choose one of your site's groups for this course.");
                var enrolled = await db.Enrollments.CountAsync(e => e.CohortId == cohort.Id && e.Status != EnrollmentStatus.Withdrawn, ct);
                if (enrolled >= cohort.Capacity)
                {
                    throw SiteMembers.Invalid(nameof(Command.CohortId), $"{cohort.Name} is full ({cohort.Capacity} trainees). Choose another group, or raise its capacity first.");
                }
                var enrollment = await db.Enrollments.SingleAsync(e => e.Id == request.EnrollmentId, ct);
                if (enrollment.CohortId is not null) throw SiteMembers.Invalid("", "This trainee is already in a group for this course.");
                enrollment.CohortId = cohort.Id;
                request.Status = GroupRequestStatus.Accepted;
                request.CohortId = cohort.Id;
                audit.Record(command.ActorId, GroupRequestAuditActions.Accepted, $"group-request/{request.Id}", $"enrollment/{enrollment.Id} into cohort/{cohort.Id}");
            }
            else
            {
                request.Status = GroupRequestStatus.Declined;
                request.DeclineReason = command.Reason!.Trim();
                audit.Record(command.ActorId, GroupRequestAuditActions.Declined, $"group-request/{request.Id}", request.DeclineReason);
            }
            request.AnsweredById = command.ActorId;
            request.AnsweredAt = now;
            request.OpenKey = request.Id.ToString("N");
            outbox.Add(new GroupRequestAnswered(request.Id));
            try
            {
                await unitOfWork.SaveAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another coordinator answered it a moment earlier; their answer stands.
                throw SiteMembers.Invalid("", "This request was already answered.");
            }
            return Unit.Value;
        }
    }
}
