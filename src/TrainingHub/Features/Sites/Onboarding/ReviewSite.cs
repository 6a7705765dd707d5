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
                                      select new { p.Email, p.FullName, p.PreferredLanguage }).ToListAsync(ct);
            await links.SendAsync(coordinators.Select(c => (Words: Localization.Words.For(c.PreferredLanguage), c.Email, c.FullName)).Select(c => command.Decision == Decision.Activate
                ? new MailMessage(c.Email!, c.FullName, c.Words["{0} is open on TrainingHub", site.Name],
                    string.Join("\n\n", new[]
                    {
                        c.Words["Hello {0},", c.FullName],
                        c.Words["{0} has reviewed {1} and opened it. You can now create your first cohort and invite your trainees, supervisors and facilitators:", links.InstituteName, site.Name],
                        $"{links.BaseUrl}/sites/{site.Id}/cohorts",
                        string.IsNullOrEmpty(note) ? null : c.Words["A note from the institute: {0}", note],
                    }.OfType<string>()))
                : new MailMessage(c.Email!, c.FullName, c.Words["{0}: a few things to change before opening", site.Name],
                    string.Join("\n\n",
                        c.Words["Hello {0},", c.FullName],
                        c.Words["{0} has looked at {1}'s details and checklist and asks you to change something before the site opens:", links.InstituteName, site.Name],
                        note,
                        c.Words["Make the change and send the site for review again: {0}", $"{links.BaseUrl}/sites/{site.Id}/onboarding"]))), ct);
            return Unit.Value;
        }
    }
}
