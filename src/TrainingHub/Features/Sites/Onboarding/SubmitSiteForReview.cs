using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.People;

namespace TrainingHub.Features.Sites.Onboarding;

/// <summary>The coordinator sends the finished profile and checklist to the institute, which is told by email.</summary>
public static class SubmitSiteForReview
{
    public sealed record Command(string ActorId, Guid SiteId) : ICommand;

    public sealed class Handler(TrainingHubDb db, SiteScope scope, OnboardingGuide guide, InvitationLinks links, TimeProvider clock, AuditTrail audit)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            await scope.RequireSiteAsync(command.ActorId, command.SiteId, SiteScope.CoordinatorRoles, ct);
            var site = await db.Sites.SingleAsync(s => s.Id == command.SiteId, ct);
            if (site.Status != SiteStatus.Onboarding)
            {
                throw SiteMembers.Invalid("", site.Status == SiteStatus.AwaitingReview
                    ? "Your site is already with the institute for review."
                    : "Only a site that is being set up can be sent for review.");
            }
            var profile = await db.SiteProfiles.SingleOrDefaultAsync(p => p.SiteId == site.Id, ct);
            var done = await db.ReadinessChecks.AsNoTracking().Where(c => c.SiteId == site.Id && c.Done).Select(c => c.ItemId).ToListAsync(ct);
            var missing = guide.Checklist.Where(i => !done.Contains(i.Id)).Select(i => i.Title).ToList();
            if (profile is not { IsComplete: true } || missing.Count > 0)
            {
                var failures = new List<FluentValidation.Results.ValidationFailure>();
                if (profile is not { IsComplete: true }) failures.Add(new("", "Fill in and save every part of the site's details first."));
                if (missing.Count > 0) failures.Add(new("", $"Tick every item of the readiness checklist first. Still to do: {string.Join("; ", missing)}."));
                throw new FluentValidation.ValidationException(failures);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            site.Status = SiteStatus.AwaitingReview;
            profile.SubmittedAt = now;
            profile.SentBackNote = null;
            audit.Record(command.ActorId, SiteAuditActions.SubmittedForReview, $"site/{site.Id}");
            await db.SaveChangesAsync(ct);

            var admins = await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                join p in db.Users on ur.UserId equals p.Id
                                where r.Name == Roles.InstituteAdmin && p.Email != null
                                select new { p.Email, p.FullName, p.PreferredLanguage }).AsNoTracking().ToListAsync(ct);
            await links.SendAsync(admins.Select(a => (Words: Localization.Words.For(a.PreferredLanguage), a.Email, a.FullName)).Select(a => new MailMessage(a.Email!, a.FullName,
                a.Words["{0} is ready for review", site.Name],
                string.Join("\n\n",
                    a.Words["Hello {0},", a.FullName],
                    a.Words["{0} ({1}) has filled in its details and readiness checklist and is waiting for your review.", site.Name, site.State],
                    a.Words["Review the site and open it: {0}", $"{links.BaseUrl}/institute/sites/{site.Id}"]))), ct);
            return Unit.Value;
        }
    }
}
