using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.People;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Sites.Onboarding;

/// <summary>
/// The institute invites a replicating site: the site is created as Invited, its coordinator gets an account without a
/// password and an email with a single-use link. A coordinator who already has an account is added and told to sign in,
/// and the site goes straight to onboarding.
/// </summary>
public static class InviteSite
{
    public sealed record Command(string ActorId, string SiteName, string State, string CoordinatorName, string CoordinatorEmail) : ICommand<Result>, IInstituteAdminOnly;

    public sealed record Result(Guid SiteId, bool EmailSent);

    public static readonly IReadOnlyList<(string Code, string Name)> States =
    [
        ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"), ("CO", "Colorado"),
        ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"),
        ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
        ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"),
        ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"),
        ("NE", "Nebraska"), ("NV", "Nevada"), ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"),
        ("NY", "New York"), ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
        ("OR", "Oregon"), ("PA", "Pennsylvania"), ("PR", "Puerto Rico"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
        ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"),
        ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
    ];

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SiteName).NotEmpty().WithMessage("Enter the site's name.")
                .MaximumLength(200).WithMessage("Keep the site's name to 200 characters.");
            RuleFor(c => c.State).Must(s => States.Any(x => x.Code == s)).WithMessage("Choose the state the site is in.");
            RuleFor(c => c.CoordinatorName).NotEmpty().WithMessage("Enter the coordinator's full name.")
                .MaximumLength(200).WithMessage("Keep the name to 200 characters.");
            RuleFor(c => c.CoordinatorEmail).NotEmpty().WithMessage("Enter the coordinator's email address.")
                .Must(SiteMembers.IsEmail).WithMessage("Enter an email address like name@example.org.");
        }
    }

    public sealed class Handler(TrainingHubDb db, SiteMembers members, InvitationLinks links, TimeProvider clock, AuditTrail audit)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var name = command.SiteName.Trim();
            var normalizedName = Site.NormalizeName(name);
            var institute = await db.Institutes.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(ct);
            if (await db.Sites.AnyAsync(s => s.InstituteId == institute && s.NormalizedName == normalizedName, ct))
            {
                throw SiteMembers.Invalid(nameof(Command.SiteName), "A site with this name already exists. Check the onboarding board, or add the town to the name.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var coordinator = await members.FindAsync(command.CoordinatorEmail);
            var isNew = coordinator is null || !SiteMembers.HasPassword(coordinator);
            var site = new Site
            {
                Id = Guid.NewGuid(), InstituteId = institute, Name = name, State = command.State,
                Status = isNew ? SiteStatus.Invited : SiteStatus.Onboarding, CreatedAt = now,
            };
            db.Sites.Add(site);
            db.SiteProfiles.Add(new SiteProfile { SiteId = site.Id, InvitedById = command.ActorId });
            await db.SaveChangesAsync(ct);

            coordinator ??= await members.CreateAsync(command.CoordinatorEmail, command.CoordinatorName, nameof(Command.CoordinatorEmail));
            await members.AddRoleAsync(coordinator, site.Id, Roles.SiteCoordinator, ct);
            MailMessage message;
            if (isNew)
            {
                var (invitation, link) = await links.CreateAsync(site.Id, coordinator.Id, Roles.SiteCoordinator, null, command.ActorId, ct);
                message = links.CoordinatorEmail(coordinator, site.Name, link, invitation.ExpiresAt);
            }
            else
            {
                message = links.AddedEmail(coordinator, site.Name, Roles.SiteCoordinator, null);
            }
            audit.Record(command.ActorId, SiteAuditActions.SiteInvited, $"site/{site.Id}", $"{site.Name} ({site.State}); coordinator person/{coordinator.Id}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);

            var failed = await links.SendAsync([message], ct);
            return new Result(site.Id, failed == 0);
        }
    }
}
