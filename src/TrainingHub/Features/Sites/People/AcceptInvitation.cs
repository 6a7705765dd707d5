using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.People;

/// <summary>
/// An invited person opens their link and chooses a password. The link works once: it is claimed with a conditional
/// update in the same transaction as the password, so two clicks at once cannot both use it.
/// </summary>
public static class AcceptInvitation
{
    /// <param name="SignedInPersonId">Who is signed in on the device, if anyone: an invitation to an account that already
    /// has a password is accepted only by its owner, signed in.</param>
    public sealed record Command(string Token, string FullName, string Password, string ConfirmPassword, string? SignedInPersonId = null) : ICommand<Result>, Pipeline.ITransactional;

    /// <param name="AlreadyHadPassword">The person already had an account and accepted signed in: they keep their password.</param>
    public sealed record Result(string PersonId, string Role, Guid SiteId, SiteStatus SiteStatus, bool AlreadyHadPassword);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty().MaximumLength(100).WithMessage("This link is not complete. Open the link from your email again.");
            When(c => c.SignedInPersonId is null, () =>
            {
                RuleFor(c => c.FullName).NotEmpty().WithMessage("Enter your full name.");
                RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.");
                RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords are not the same.");
            });
            RuleFor(c => c.FullName).MaximumLength(200).WithMessage("Keep your name to 200 characters.");
        }
    }

    public sealed class Handler(TrainingHubDb db, UserManager<Person> users, SiteMembers members, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var hash = InvitationLinks.Hash(command.Token);
            var now = clock.GetUtcNow().UtcDateTime;
            var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, ct)
                ?? throw SiteMembers.Invalid(nameof(Command.Token), "This link is not valid. Open the link from your email again, or ask for a new one.");
            if (invitation.AcceptedAt is not null)
            {
                throw SiteMembers.Invalid(nameof(Command.Token), "This link has already been used. Sign in with the password you chose.");
            }
            if (invitation.ReplacedAt is not null || invitation.ExpiresAt <= now)
            {
                throw SiteMembers.Invalid(nameof(Command.Token), "This link has expired. Ask for a new one.");
            }

            var person = await users.FindByIdAsync(invitation.PersonId)
                ?? throw SiteMembers.Invalid(nameof(Command.Token), "This link is not valid any more. Ask for a new one.");
            var alreadyHadPassword = SiteMembers.HasPassword(person);
            if (alreadyHadPassword && command.SignedInPersonId != person.Id)
            {
                throw SiteMembers.Invalid(nameof(Command.Token), $"This invitation is for the account {person.Email}. Sign in with it, then open the link again to accept.");
            }
            if (!alreadyHadPassword && string.IsNullOrEmpty(command.Password))
            {
                throw SiteMembers.Invalid(nameof(Command.Password), "Choose a password.");
            }
            if (!alreadyHadPassword && command.ConfirmPassword != command.Password)
            {
                throw SiteMembers.Invalid(nameof(Command.ConfirmPassword), "The two passwords are not the same.");
            }

            var claimed = await db.Invitations
                .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.ReplacedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct);
            if (claimed == 0)
            {
                throw SiteMembers.Invalid(nameof(Command.Token), "This link has already been used. Sign in with the password you chose.");
            }
            var site = await db.Sites.SingleAsync(s => s.Id == invitation.SiteId, ct);
            if (!alreadyHadPassword)
            {
                person.FullName = string.IsNullOrWhiteSpace(command.FullName) ? person.FullName : command.FullName.Trim();
                person.EmailConfirmed = true;
                IdentityErrors.ThrowIfFailed(await users.AddPasswordAsync(person, command.Password), nameof(Command.Password));
            }
            var cohort = invitation.CohortId is { } cohortId ? await db.Cohorts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cohortId && c.SiteId == site.Id, ct) : null;
            await members.JoinAsync(person, site.Id, invitation.Role, cohort, person.Id, ct);
            if (invitation.Role == Roles.SiteCoordinator && site.Status == SiteStatus.Invited)
            {
                site.Status = SiteStatus.Onboarding;
            }
            audit.Record(person.Id, SiteAuditActions.InvitationAccepted, $"person/{person.Id}", $"invitation {invitation.Id} to site/{site.Id} as {invitation.Role}");
            return new Result(person.Id, invitation.Role, site.Id, site.Status, alreadyHadPassword);
        }
    }
}
