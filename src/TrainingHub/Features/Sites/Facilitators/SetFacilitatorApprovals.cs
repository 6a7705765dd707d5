using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Sites.Facilitators;

/// <summary>
/// The institute records which courses a facilitator is approved to deliver. An approval cannot be withdrawn while the
/// facilitator is assigned to a cohort of that course: the coordinator assigns someone else first.
/// </summary>
public static class SetFacilitatorApprovals
{
    /// <param name="CourseIds">Every course the facilitator is approved for after the change.</param>
    public sealed record Command(string ActorId, string PersonId, IReadOnlyList<string> CourseIds) : ICommand, IInstituteAdminOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog)
        {
            RuleFor(c => c.PersonId).NotEmpty().WithMessage("Choose a facilitator.");
            RuleFor(c => c.CourseIds).NotNull();
            RuleForEach(c => c.CourseIds).Must(id => catalog.Find(id) is not null).WithMessage("Choose courses from the list.");
        }
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            if (!await db.SiteMemberships.AnyAsync(m => m.PersonId == command.PersonId && m.Role == Roles.Facilitator, ct))
            {
                throw new NotFoundException("This person is not a facilitator at any site.");
            }
            var wanted = command.CourseIds.Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            var now = clock.GetUtcNow().UtcDateTime;
            var approvals = await db.FacilitatorApprovals.Where(a => a.PersonId == command.PersonId).ToListAsync(ct);

            var withdrawn = approvals.Where(a => a.RevokedAt is null && !wanted.Contains(a.CourseId)).ToList();
            var withdrawnCourses = withdrawn.Select(a => a.CourseId).ToList();
            var stillAssigned = await db.Cohorts.AsNoTracking()
                .Where(c => c.FacilitatorId == command.PersonId && withdrawnCourses.Contains(c.CourseId))
                .Select(c => new { c.Name, c.CourseId }).ToListAsync(ct);
            if (stillAssigned.Count > 0)
            {
                throw new ValidationException(stillAssigned.Select(c => new FluentValidation.Results.ValidationFailure(nameof(Command.CourseIds),
                    $"They facilitate \"{c.Name}\" ({catalog.Find(c.CourseId)?.Title ?? c.CourseId}). Ask its coordinator to assign another facilitator before withdrawing this approval.")));
            }
            foreach (var a in withdrawn)
            {
                a.RevokedAt = now;
                a.RevokedById = command.ActorId;
                audit.Record(command.ActorId, SiteAuditActions.FacilitatorApprovalRevoked, $"person/{command.PersonId}", a.CourseId);
            }
            foreach (var courseId in wanted)
            {
                var existing = approvals.FirstOrDefault(a => a.CourseId == courseId);
                if (existing is { RevokedAt: null }) continue;
                if (existing is null)
                {
                    existing = new FacilitatorApproval { Id = Guid.NewGuid(), PersonId = command.PersonId, CourseId = courseId };
                    db.FacilitatorApprovals.Add(existing);
                }
                existing.ApprovedAt = now;
                existing.ApprovedById = command.ActorId;
                existing.RevokedAt = null;
                existing.RevokedById = null;
                audit.Record(command.ActorId, SiteAuditActions.FacilitatorApproved, $"person/{command.PersonId}", courseId);
            }
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
