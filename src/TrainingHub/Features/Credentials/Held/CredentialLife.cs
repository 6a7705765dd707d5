using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Credentials.Held;

/// <summary>
/// After the application: the credentials a person holds (with the institute's check), the current renewal cycle of each
/// verified one, and the next step on the career ladder. The person sees their own; staff see their site's trainees.
/// </summary>
public static class CredentialLife
{
    public sealed record Query(string ActorId, string PersonId, Guid? SiteId = null) : IQuery<Result>;

    public sealed record HeldItem(HeldCredentialView Held, RenewalProgress? Renewal, string? RenewalSource, bool RenewalUnconfirmed);

    public sealed record Result(string PersonId, bool IsSelf, Guid? SiteId, IReadOnlyList<HeldItem> Held, NextStep? Next);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.ActorId).NotEmpty();
            RuleFor(q => q.PersonId).NotEmpty();
        }
    }

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules, CredentialAccess access, PersonRecords records, IOptions<CredentialOptions> options, TimeProvider clock)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            await access.RequireMayViewAsync(query.ActorId, query.PersonId, query.SiteId, ct);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var held = await HeldCredentialState.LoadAsync(db, rules, [query.PersonId], ct);
            var record = await records.LoadAsync(query.PersonId, ct, CredentialAccess.OnlySite(query.ActorId, query.PersonId, query.SiteId));
            var items = held.Select(h => Item(h, record, today)).ToList();
            var chosen = await db.CredentialTargets.AsNoTracking().Where(t => t.PersonId == query.PersonId).Select(t => t.CredentialId).ToListAsync(ct);
            var evaluated = chosen.Select(rules.Find).OfType<CredentialRuleSet>().Select(s => Eligibility.Evaluate(s, record, today)).ToList();
            var next = Ladder.Find(rules.Find, held.Where(h => h.Verified).Select(h => h.Record.CredentialId).ToList(), evaluated, record, today);
            return new Result(query.PersonId, query.ActorId == query.PersonId && query.SiteId is null, query.SiteId, items, next);
        }

        private HeldItem Item(HeldCredentialView h, PersonRecord record, DateOnly today)
        {
            var set = rules.Find(h.Record.CredentialId);
            if (set?.Renewal is not { } rule || !h.Verified) return new HeldItem(h, null, set?.Renewal?.Source.Url, set?.Renewal?.Source.Unconfirmed ?? false);
            return new HeldItem(h, Renewal.Evaluate(set, h.Facts, record, ContinuingEducationCourses(options.Value, set.Board), today), rule.Source.Url, rule.Source.Unconfirmed);
        }
    }

    /// <summary>The institute courses marked as continuing education for <paramref name="board"/> (Credentials:ContinuingEducation).</summary>
    public static IReadOnlyCollection<string> ContinuingEducationCourses(CredentialOptions options, string board) =>
        options.ContinuingEducation.TryGetValue(board, out var courses) ? courses.ToHashSet(StringComparer.Ordinal) : [];
}
