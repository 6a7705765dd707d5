using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;

namespace TrainingHub.Features.Sites.People;

/// <summary>What an invitation link leads to: the form to choose a password, or why the link no longer works.</summary>
public static class GetInvitation
{
    public enum LinkState { Valid, Expired, Used, Unknown }

    public sealed record Query(string Token) : IQuery<Result>;

    /// <param name="AskWhom">Who can send a new link, in words ("the site coordinator at Harbor Light").</param>
    /// <param name="PersonId">Whose invitation it is (for a valid link).</param>
    /// <param name="ExistingAccount">The person already has a password: they accept signed in, and keep it.</param>
    public sealed record Result(LinkState State, string? FullName, string? Email, string? SiteName, string? Role, string? AskWhom,
        string? PersonId = null, bool ExistingAccount = false, string? CohortName = null);

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, InvitationLinks links) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(query.Token) || query.Token.Length > 100) return new Result(LinkState.Unknown, null, null, null, null, null);
            var hash = InvitationLinks.Hash(query.Token);
            var found = await (from i in db.Invitations.AsNoTracking()
                               join p in db.Users.AsNoTracking() on i.PersonId equals p.Id
                               join s in db.Sites.AsNoTracking() on i.SiteId equals s.Id
                               where i.TokenHash == hash
                               select new
                               {
                                   i.AcceptedAt, i.ReplacedAt, i.ExpiresAt, i.Role, p.Id, p.FullName, p.Email, HasPassword = p.PasswordHash != null, SiteName = s.Name,
                                   CohortName = db.Cohorts.Where(c => c.Id == i.CohortId).Select(c => c.Name).FirstOrDefault(),
                               }).SingleOrDefaultAsync(ct);
            if (found is null) return new Result(LinkState.Unknown, null, null, null, null, null);
            var askWhom = found.Role == Domain.Roles.SiteCoordinator ? links.InstituteName : $"your site coordinator at {found.SiteName}";
            if (found.AcceptedAt is not null) return new Result(LinkState.Used, null, null, found.SiteName, null, askWhom);
            if (found.ReplacedAt is not null || found.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
            {
                return new Result(LinkState.Expired, null, null, found.SiteName, null, askWhom);
            }
            return new Result(LinkState.Valid, found.FullName, found.Email, found.SiteName, found.Role, askWhom, found.Id, found.HasPassword, found.CohortName);
        }
    }
}
