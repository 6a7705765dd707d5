using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.Records;

namespace TrainingHub.Features.Credentials.Targets;

/// <summary>
/// A person's chosen credentials, each evaluated against their records: per requirement the progress, what counted,
/// what waits for sign-off and the gap in plain words. The person sees their own; site staff see their site's trainees.
/// </summary>
public static class MyCredentials
{
    /// <param name="SiteId">Set when a supervisor or coordinator opens a trainee from their site's pages.</param>
    public sealed record Query(string ActorId, string PersonId, Guid? SiteId = null) : IQuery<Result>;

    public sealed record Choice(string Id, string Name, string BoardName, string Summary, bool Chosen);

    /// <param name="Signed">The code of ethics for this credential is signed (or the credential does not ask for it).</param>
    public sealed record Target(EligibilityResult Eligibility, bool AsksCodeOfEthics, bool Signed);

    public sealed record RecoveryQuestion(int Years, bool? Answer);

    public sealed record Result(
        string PersonId,
        string PersonName,
        bool IsSelf,
        Guid? SiteId,
        IReadOnlyList<Choice> Choices,
        IReadOnlyList<Target> Targets,
        IReadOnlyList<RecoveryQuestion> RecoveryQuestions,
        int OutsideCertificatesWaiting);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.ActorId).NotEmpty();
            RuleFor(q => q.PersonId).NotEmpty();
        }
    }

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules, CredentialAccess access, PersonRecords records, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            await access.RequireMayViewAsync(query.ActorId, query.PersonId, query.SiteId, ct);
            var name = await db.Users.AsNoTracking().Where(u => u.Id == query.PersonId).Select(u => u.FullName).SingleAsync(ct);
            var chosen = await db.CredentialTargets.AsNoTracking().Where(t => t.PersonId == query.PersonId).OrderBy(t => t.ChosenAt)
                .Select(t => t.CredentialId).ToListAsync(ct);
            var record = await records.LoadAsync(query.PersonId, ct, CredentialAccess.OnlySite(query.ActorId, query.PersonId, query.SiteId));
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

            var targets = chosen.Select(rules.Find).OfType<CredentialRuleSet>()
                .Select(set => new Target(Eligibility.Evaluate(set, record, today),
                    set.Requirements.Any(r => r.Kind == RequirementKind.CodeOfEthicsSigned), record.CodesOfEthicsSigned.ContainsKey(set.Id)))
                .ToList();
            var questions = targets.SelectMany(t => t.Eligibility.Rules.Requirements).Where(r => r.Kind == RequirementKind.TimeInRecovery)
                .Select(r => r.Years).Distinct().Order()
                .Select(y => new RecoveryQuestion(y, record.RecoveryAnswers.TryGetValue(y, out var a) ? a : null)).ToList();
            var waiting = await db.OutsideCertificates.AsNoTracking()
                .CountAsync(c => c.PersonId == query.PersonId && !db.OutsideCertificateReviews.Any(r => r.CertificateId == c.Id), ct);
            var choices = rules.All.Select(s => new Choice(s.Id, s.Name, s.BoardName, s.Summary, chosen.Contains(s.Id))).ToList();
            return new Result(query.PersonId, name, query.ActorId == query.PersonId && query.SiteId is null, query.SiteId, choices, targets, questions, waiting);
        }
    }
}
