using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.People;

namespace TrainingHub.Features.Sites.Onboarding;

/// <summary>The coordinator ticks what is in place at the site (the items come from content/onboarding.yml).</summary>
public static class SaveReadinessChecklist
{
    public sealed record Check(string ItemId, bool Done, string? Note);

    public sealed record Command(string ActorId, Guid SiteId, IReadOnlyList<Check> Checks) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(OnboardingGuide guide)
        {
            RuleFor(c => c.Checks).NotNull();
            RuleForEach(c => c.Checks).ChildRules(check =>
            {
                check.RuleFor(x => x.ItemId).Must(id => guide.Checklist.Any(i => i.Id == id)).WithMessage("This item is not on the checklist. Reload the page and try again.");
                check.RuleFor(x => x.Note).MaximumLength(300).WithMessage("Keep the answer to 300 characters.");
                check.RuleFor(x => x.Note).NotEmpty()
                    .When(x => x.Done && guide.Checklist.FirstOrDefault(i => i.Id == x.ItemId)?.Question is not null)
                    .WithMessage(x => Localization.Words.Current["Answer \"{0}\" to tick this item.", guide.Checklist.First(i => i.Id == x.ItemId).Question]);
            });
            RuleFor(c => c.Checks).Must(cs => cs.Select(c => c.ItemId).Distinct(StringComparer.Ordinal).Count() == cs.Count)
                .When(c => c.Checks is not null).WithMessage("An item is listed twice. Reload the page and try again.");
        }
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(command.ActorId, command.SiteId, SiteScope.CoordinatorRoles, ct);
            if (site.Status is not (SiteStatus.Invited or SiteStatus.Onboarding))
            {
                throw SiteMembers.Invalid("", site.Status == SiteStatus.AwaitingReview
                    ? "The institute is reviewing your site, so the checklist cannot change now. Ask the institute to send it back if something is wrong."
                    : "The checklist is finished: your site is already open.");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.ReadinessChecks.Where(c => c.SiteId == site.Id).ToDictionaryAsync(c => c.ItemId, ct);
            foreach (var check in command.Checks)
            {
                var note = string.IsNullOrWhiteSpace(check.Note) ? null : check.Note.Trim();
                if (!existing.TryGetValue(check.ItemId, out var row))
                {
                    row = new ReadinessCheck { SiteId = site.Id, ItemId = check.ItemId };
                    db.ReadinessChecks.Add(row);
                }
                else if (row.Done == check.Done && row.Note == note)
                {
                    continue;
                }
                row.Done = check.Done;
                row.Note = note;
                row.UpdatedAt = now;
                row.UpdatedById = command.ActorId;
            }
            audit.Record(command.ActorId, SiteAuditActions.ChecklistSaved, $"site/{site.Id}",
                $"done: {string.Join(", ", command.Checks.Where(c => c.Done).Select(c => c.ItemId))}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
