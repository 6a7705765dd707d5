using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.People;

/// <summary>A coordinator invites one person to the site: a trainee into a cohort, or a supervisor, facilitator or fellow coordinator.</summary>
public static class InvitePerson
{
    /// <param name="Language">
    /// The language of the invitation e-mail and the join page for someone new to TrainingHub (saved as their choice, which
    /// they can change); English when not given. Someone who already has an account gets their own language.
    /// </param>
    public sealed record Command(string ActorId, Guid SiteId, Guid? CohortId, string? FullName, string? Email, string? Role, string? Language = null) : ICommand<Result>;

    /// <param name="Invited">True when a link was emailed; false when someone who already signs in was added and told.</param>
    public sealed record Result(string Email, bool Invited, bool EmailSent);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FullName).NotEmpty().WithMessage("Enter the person's full name.")
                .MaximumLength(200).WithMessage("Keep the name to 200 characters.");
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the person's email address.")
                .Must(SiteMembers.IsEmail).WithMessage("Enter an email address like name@example.org.");
            RuleFor(c => c.Role).Must(r => SiteMembers.InvitableRoles.Contains(r)).WithMessage("Choose the person's role.");
            RuleFor(c => c.CohortId).NotNull().When(c => c.Role == Roles.Trainee).WithMessage("Choose the cohort the trainee joins.");
            RuleFor(c => c.Language).Must(l => l is null || Accounts.SiteLanguages.IsSupported(l)).WithMessage("Choose English or Español for the invitation.");
        }
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, RosterPlanner planner, InvitationLinks links) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(command.ActorId, command.SiteId, SiteScope.CoordinatorRoles, ct);
            if (site.Status != SiteStatus.Active)
            {
                throw SiteMembers.Invalid("", "People can be invited once the institute has opened your site.");
            }
            Cohort? cohort = null;
            if (command.Role == Roles.Trainee)
            {
                cohort = await db.Cohorts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CohortId && c.SiteId == site.Id, ct)
                    ?? throw SiteMembers.Invalid(nameof(Command.CohortId), "Choose one of your site's cohorts.");
            }
            var row = new RosterFile.Row(1, command.FullName!.Trim(), command.Email!.Trim(), command.Role!, null);
            var planned = (await planner.PlanAsync(site, cohort, [row], ct)).Single();
            switch (planned.Outcome)
            {
                case RosterPlanner.Outcome.AlreadyThere:
                    throw SiteMembers.Invalid(nameof(Command.Email), cohort is null
                        ? $"{row.Email} is already {InvitationLinks.RoleInWords(row.Role)} at this site."
                        : $"{row.Email} is already in this cohort.");
                case RosterPlanner.Outcome.Problem:
                    throw SiteMembers.Invalid(planned.CohortFull ? nameof(Command.CohortId) : nameof(Command.Email), planned.Reason!);
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (counts, emails) = await planner.ApplyAsync(site, cohort, [planned], command.ActorId, ct, command.Language);
            await tx.CommitAsync(ct);
            var failed = await links.SendAsync(emails, ct);
            return new Result(row.Email, counts.Invited == 1, failed == 0);
        }
    }
}
