using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Sites.People;

/// <summary>
/// Applies a previewed roster file to a cohort: every row without a problem is applied in one transaction, or none is.
/// The file is planned again against the data as it is now, so applying the same file twice adds no one twice.
/// </summary>
public static class ApplyRoster
{
    public sealed record Command(string ActorId, Guid SiteId, Guid CohortId, string Csv) : ICommand<Result>;

    public sealed record Result(int Invited, int Added, int AlreadyThere, int Skipped, int EmailsNotSent);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Csv).NotEmpty().WithMessage("Upload the roster file again: it was not received.")
                .MaximumLength(RosterFile.MaxCharacters).WithMessage(_ => Localization.Words.Current["The file is too large. A roster file can be up to {0} KB: split it into smaller files.", RosterFile.MaxCharacters / 1024]);
        }
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, RosterPlanner planner, InvitationLinks links, AuditTrail audit, IOptions<InvitationOptions> options)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var (site, cohort) = await scope.RequireCohortAsync(command.ActorId, command.SiteId, command.CohortId, SiteScope.CoordinatorRoles, ct);
            if (site.Status != SiteStatus.Active)
            {
                throw SiteMembers.Invalid("", "People can be invited once the institute has opened your site.");
            }
            var parsed = RosterFile.Parse(command.Csv, options.Value.RosterMaxRows);
            if (parsed.FileProblems.Count > 0)
            {
                throw new ValidationException(parsed.FileProblems.Select(p => new FluentValidation.Results.ValidationFailure("", p)));
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var plan = await planner.PlanAsync(site, cohort, parsed.Rows, ct);
            var (counts, emails) = await planner.ApplyAsync(site, cohort, plan, command.ActorId, ct);
            var result = new Result(counts.Invited, counts.Added,
                plan.Count(p => p.Outcome == RosterPlanner.Outcome.AlreadyThere), plan.Count(p => p.Outcome == RosterPlanner.Outcome.Problem), 0);
            audit.Record(command.ActorId, SiteAuditActions.RosterApplied, $"cohort/{cohort.Id}",
                $"file sha256 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(command.Csv)))[..16]}: {result.Invited} invited, {result.Added} added, " +
                $"{result.AlreadyThere} already there, {result.Skipped} skipped (lines {string.Join(", ", plan.Where(p => p.Outcome == RosterPlanner.Outcome.Problem).Select(p => p.Line).Take(50))})");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);

            var failed = await links.SendAsync(emails, ct);
            return result with { EmailsNotSent = failed };
        }
    }
}
