using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Credentials.Targets;

/// <summary>A person chooses the credentials they work toward (any number, or none).</summary>
public static class ChooseCredentials
{
    public sealed record Command(string PersonId, IReadOnlyList<string> CredentialIds) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CredentialRuleBook rules)
        {
            RuleFor(c => c.PersonId).NotEmpty();
            RuleFor(c => c.CredentialIds).NotNull();
            RuleForEach(c => c.CredentialIds).Must(id => rules.Find(id) is not null)
                .WithMessage((_, id) => Localization.Words.Current["There is no credential '{0}'. Choose from the list.", id]);
        }
    }

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var wanted = command.CredentialIds.Distinct(StringComparer.Ordinal).ToList();
            var current = await db.CredentialTargets.Where(t => t.PersonId == command.PersonId).ToListAsync(ct);
            db.CredentialTargets.RemoveRange(current.Where(t => !wanted.Contains(t.CredentialId)));
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var id in wanted.Where(id => current.All(t => t.CredentialId != id)))
            {
                db.CredentialTargets.Add(new CredentialTarget { Id = Guid.NewGuid(), PersonId = command.PersonId, CredentialId = id, ChosenAt = now });
            }
            audit.Record(command.PersonId, AuditActions.CredentialTargetsChosen, $"person/{command.PersonId}", wanted.Count == 0 ? "none" : string.Join(", ", wanted));
            await db.SaveChangesAsync(ct);
            return wanted.Count;
        }
    }
}
