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

/// <summary>The institute activates a site that is waiting for review, or sends it back to its coordinator with a note.</summary>
public static class ReviewSite
{
    public enum Decision { Activate, SendBack }

    public sealed record Command(string ActorId, Guid SiteId, Decision Decision, string? Note) : ICommand, IInstituteAdminOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).IsInEnum().WithMessage("Choose whether to open the site or send it back.");
            RuleFor(c => c.Note).NotEmpty().When(c => c.Decision == Decision.SendBack)
                .WithMessage("Say what the coordinator needs to change, so they know what to do.");
            RuleFor(c => c.Note).MaximumLength(1000).WithMessage("Keep the note to 1000 characters.");
        }
    }

    public sealed class Handler(TrainingHubDb db, InvitationLinks links, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == command.SiteId, ct) ?? throw new NotFoundException("There is no such site.");
            if (site.Status != SiteStatus.AwaitingReview)
            {
                throw SiteMembers.Invalid("", "Only a site that is waiting for review can be opened or sent back.");
            }
            var profile = await db.SiteProfiles.SingleAsync(p => p.SiteId == site.Id, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var note = command.Note?.Trim();
            if (command.Decision == Decision.Activate)
            {
                site.Status = SiteStatus.Active;
                profile.ActivatedAt = now;
                profile.ActivatedById = command.ActorId;
                profile.SentBackNote = null;
                audit.Record(command.ActorId, SiteAuditActions.Activated, $"site/{site.Id}", string.IsNullOrEmpty(note) ? null : note);
            }
            else
            {
                site.Status = SiteStatus.Onboarding;
                profile.SubmittedAt = null;
                profile.SentBackNote = note;
                audit.Record(command.ActorId, SiteAuditActions.SentBack, $"site/{site.Id}", note);
            }
            await db.SaveChangesAsync(ct);

            var coordinators = await (from m in db.SiteMemberships.AsNoTracking()
                                      join p in db.Users.AsNoTracking() on m.PersonId equals p.Id
                                      where m.SiteId == site.Id && m.Role == Roles.SiteCoordinator && p.Email != null
                                      select new { p.Email, p.FullName }).ToListAsync(ct);
            await links.SendAsync(coordinators.Select(c => command.Decision == Decision.Activate
                ? new MailMessage(c.Email!, c.FullName, $"{site.Name} is open on TrainingHub",
                    $"""
                    Hello {c.FullName},

                    {links.InstituteName} has reviewed {site.Name} and opened it. You can now create your first cohort and invite
                    your trainees, supervisors and facilitators:

                    {links.BaseUrl}/sites/{site.Id}/cohorts
                    {(string.IsNullOrEmpty(note) ? "" : $"\nA note from the institute: {note}\n")}
                    """)
                : new MailMessage(c.Email!, c.FullName, $"{site.Name}: a few things to change before opening",
                    $"""
                    Hello {c.FullName},

                    {links.InstituteName} has looked at {site.Name}'s details and checklist and asks you to change something
                    before the site opens:

                    {note}

                    Make the change and send the site for review again: {links.BaseUrl}/sites/{site.Id}/onboarding
                    """)), ct);
            return Unit.Value;
        }
    }
}
