using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.People;

/// <summary>Sends a new link to someone invited to the site who has not chosen a password yet; their earlier links stop working.</summary>
public static class ResendInvitation
{
    public sealed record Command(string ActorId, Guid SiteId, string PersonId) : ICommand<Result>;

    public sealed record Result(string Email, bool EmailSent);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PersonId).NotEmpty().WithMessage("Choose the person to send a new link to.");
        }
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, UserManager<Person> users, InvitationLinks links, AuditTrail audit) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(command.ActorId, command.SiteId, SiteScope.CoordinatorRoles, ct);
            var roles = await db.SiteMemberships.AsNoTracking().Where(m => m.SiteId == site.Id && m.PersonId == command.PersonId).Select(m => m.Role).ToListAsync(ct);
            if (roles.Count == 0) throw new NotFoundException("This person is not at this site.");
            var person = await users.FindByIdAsync(command.PersonId) ?? throw new NotFoundException("This person is not at this site.");
            if (SiteMembers.HasPassword(person))
            {
                throw SiteMembers.Invalid("", $"{person.FullName} has already chosen a password. If they have forgotten it, they can choose \"I forgot my password\" on the sign-in page.");
            }
            var last = await db.Invitations.AsNoTracking().Where(i => i.SiteId == site.Id && i.PersonId == person.Id)
                .OrderByDescending(i => i.CreatedAt).Select(i => new { i.Role, i.CohortId }).FirstOrDefaultAsync(ct);
            var role = last?.Role ?? roles.Order(StringComparer.Ordinal).First();
            var cohortName = last?.CohortId is { } cohortId ? await db.Cohorts.AsNoTracking().Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync(ct) : null;

            var (invitation, link) = await links.CreateAsync(site.Id, person.Id, role, last?.CohortId, command.ActorId, ct);
            audit.Record(command.ActorId, SiteAuditActions.InvitationResent, $"person/{person.Id}", $"site/{site.Id} as {role}");
            await db.SaveChangesAsync(ct);

            var message = role == Roles.SiteCoordinator && site.Status == SiteStatus.Invited
                ? links.CoordinatorEmail(person, site.Name, link, invitation.ExpiresAt)
                : links.PersonEmail(person, site.Name, role, cohortName, link, invitation.ExpiresAt);
            var failed = await links.SendAsync([message], ct);
            return new Result(person.Email!, failed == 0);
        }
    }
}
