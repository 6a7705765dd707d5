using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.Onboarding;

/// <summary>A site's onboarding as its coordinator fills it in and the institute reviews it: profile, checklist, people invited.</summary>
public static class GetSiteOnboarding
{
    public sealed record Query(string ActorId, Guid SiteId) : IQuery<Result>;

    public sealed record Check(ChecklistItem Item, bool Done, string? Note);

    public sealed record Coordinator(string PersonId, string FullName, string Email, bool HasSignedIn, DateTime? LinkExpiresAt, bool LinkExpired);

    public sealed record Result(
        Guid SiteId, string SiteName, string State, SiteStatus Status, DateTime InvitedAt,
        string? StreetAddress, string? City, string? PostalCode, string? ProgrammeType, string? CredentialBoard,
        bool ProfileComplete, IReadOnlyList<Check> Checklist, DateTime? SubmittedAt, DateTime? ActivatedAt, string? SentBackNote,
        IReadOnlyList<Coordinator> Coordinators, bool ActorIsInstituteAdmin)
    {
        public int ChecksDone => Checklist.Count(c => c.Done);

        public bool ReadyForReview => ProfileComplete && Checklist.All(c => c.Done);

        /// <summary>The coordinator can change the profile and checklist until the site is sent for review.</summary>
        public bool Editable => Status is SiteStatus.Invited or SiteStatus.Onboarding;
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, OnboardingGuide guide, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(query.ActorId, query.SiteId, SiteScope.CoordinatorRoles, ct);
            var profile = await db.SiteProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.SiteId == site.Id, ct) ?? new SiteProfile { SiteId = site.Id };
            var answers = await db.ReadinessChecks.AsNoTracking().Where(c => c.SiteId == site.Id).ToDictionaryAsync(c => c.ItemId, ct);
            var checklist = guide.Checklist.Select(item => answers.TryGetValue(item.Id, out var a) ? new Check(item, a.Done, a.Note) : new Check(item, false, null)).ToList();

            var coordinators = await (from m in db.SiteMemberships.AsNoTracking()
                                      join p in db.Users.AsNoTracking() on m.PersonId equals p.Id
                                      where m.SiteId == site.Id && m.Role == Roles.SiteCoordinator
                                      orderby p.FullName
                                      select new
                                      {
                                          p.Id, p.FullName, p.Email, HasPassword = p.PasswordHash != null,
                                          Link = db.Invitations.Where(i => i.SiteId == site.Id && i.PersonId == p.Id && i.AcceptedAt == null && i.ReplacedAt == null)
                                              .OrderByDescending(i => i.CreatedAt).Select(i => (DateTime?)i.ExpiresAt).FirstOrDefault(),
                                      }).ToListAsync(ct);
            return new Result(site.Id, site.Name, site.State, site.Status, site.CreatedAt,
                profile.StreetAddress, profile.City, profile.PostalCode, profile.ProgrammeType, profile.CredentialBoard, profile.IsComplete,
                checklist, profile.SubmittedAt, profile.ActivatedAt, profile.SentBackNote,
                coordinators.Select(c => new Coordinator(c.Id, c.FullName, c.Email ?? "", c.HasPassword, c.HasPassword ? null : c.Link, !c.HasPassword && (c.Link is null || c.Link <= clock.GetUtcNow().UtcDateTime))).ToList(),
                await scope.IsInstituteAdminAsync(query.ActorId, ct));
        }
    }
}
