using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.People;

namespace TrainingHub.Features.Sites.Cohorts;

/// <summary>
/// A coordinator creates a cohort at an open site, or changes one. The facilitator, when chosen, must be one of the
/// site's facilitators and approved by the institute to deliver the cohort's course.
/// </summary>
public static class SaveCohort
{
    /// <param name="CohortId">Null to create a cohort; the cohort to change otherwise.</param>
    public sealed record Command(string ActorId, Guid SiteId, Guid? CohortId, string? Name, string? CourseId, DateOnly? StartsOn, string? Schedule,
        DeliveryMode? DeliveryMode, int? Capacity, string? FacilitatorId) : ICommand<Guid>;

    public const int MaxCapacity = 200;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog, TimeProvider clock)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Give the cohort a name, for example \"Spring 2027 Recovery Coach group\".")
                .MaximumLength(200).WithMessage("Keep the name to 200 characters.");
            RuleFor(c => c.CourseId).Must(id => id is not null && catalog.Find(id) is { Published: true })
                .WithMessage("Choose the course this cohort takes.");
            RuleFor(c => c.StartsOn).NotNull().WithMessage("Enter the date of the first session.")
                .Must(d => d is null || d.Value.Year >= 2000 && d.Value <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(3))
                .WithMessage("Enter a start date within the next three years.");
            RuleFor(c => c.Schedule).MaximumLength(300).WithMessage("Keep the schedule to 300 characters.");
            RuleFor(c => c.DeliveryMode).NotNull().WithMessage("Choose how the cohort meets.")
                .IsInEnum().WithMessage("Choose how the cohort meets.");
            RuleFor(c => c.Capacity).NotNull().WithMessage("Enter how many trainees the cohort can take.")
                .InclusiveBetween(1, MaxCapacity).WithMessage("The cohort can take between {From} and {To} trainees.");
        }
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(command.ActorId, command.SiteId, SiteScope.CoordinatorRoles, ct);
            if (site.Status != SiteStatus.Active)
            {
                throw SiteMembers.Invalid("", "Cohorts can be created once the institute has opened your site.");
            }
            Cohort cohort;
            if (command.CohortId is { } id)
            {
                cohort = await db.Cohorts.SingleOrDefaultAsync(c => c.Id == id && c.SiteId == site.Id, ct)
                    ?? throw new NotFoundException("This site has no such cohort.");
                var enrolled = await db.Enrollments.CountAsync(e => e.CohortId == cohort.Id && e.Status != EnrollmentStatus.Withdrawn, ct);
                if (cohort.CourseId != command.CourseId && enrolled > 0)
                {
                    throw SiteMembers.Invalid(nameof(Command.CourseId), "The course cannot change once trainees are enrolled. Create a new cohort instead.");
                }
                if (command.Capacity < enrolled)
                {
                    throw SiteMembers.Invalid(nameof(Command.Capacity), $"{enrolled} trainees are already in this cohort: the capacity cannot be lower.");
                }
            }
            else
            {
                cohort = new Cohort { Id = Guid.NewGuid(), SiteId = site.Id, CreatedAt = clock.GetUtcNow().UtcDateTime };
                db.Cohorts.Add(cohort);
            }
            var facilitatorId = string.IsNullOrWhiteSpace(command.FacilitatorId) ? null : command.FacilitatorId;
            if (facilitatorId is not null)
            {
                var atSite = await db.SiteMemberships.AnyAsync(m => m.SiteId == site.Id && m.PersonId == facilitatorId && m.Role == Roles.Facilitator, ct);
                if (!atSite) throw SiteMembers.Invalid(nameof(Command.FacilitatorId), "Choose one of your site's facilitators.");
                var approved = await db.FacilitatorApprovals.AnyAsync(a => a.PersonId == facilitatorId && a.CourseId == command.CourseId && a.RevokedAt == null, ct);
                if (!approved)
                {
                    throw SiteMembers.Invalid(nameof(Command.FacilitatorId),
                        "This facilitator is not approved by the institute to deliver this course. Choose an approved facilitator, or ask the institute to approve them.");
                }
            }
            var created = command.CohortId is null;
            var previousFacilitator = cohort.FacilitatorId;
            cohort.Name = command.Name!.Trim();
            cohort.CourseId = command.CourseId!;
            cohort.StartsOn = command.StartsOn!.Value;
            cohort.Schedule = string.IsNullOrWhiteSpace(command.Schedule) ? null : command.Schedule.Trim();
            cohort.DeliveryMode = command.DeliveryMode!.Value;
            cohort.Capacity = command.Capacity!.Value;
            cohort.FacilitatorId = facilitatorId;
            audit.Record(command.ActorId, created ? SiteAuditActions.CohortCreated : SiteAuditActions.CohortChanged, $"cohort/{cohort.Id}",
                $"{cohort.CourseId}, {cohort.StartsOn:yyyy-MM-dd}, capacity {cohort.Capacity}, facilitator {(facilitatorId is null ? "none" : $"person/{facilitatorId}")}"
                + (created || previousFacilitator == facilitatorId ? "" : $" (was {(previousFacilitator is null ? "none" : $"person/{previousFacilitator}")})"));
            await db.SaveChangesAsync(ct);
            return cohort.Id;
        }
    }
}
