using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Accounts;

/// <summary>Audits a sign-in attempt: success, failure or lockout. The email is recorded only when it matches an account.</summary>
public static class RecordSignIn
{
    public enum Outcome { SignedIn, Failed, LockedOut }

    public sealed record Command(string Email, Outcome Result) : ICommand;

    public sealed class Handler(TrainingHubDb db, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var normalized = command.Email.Trim().ToUpperInvariant();
            var personId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(ct);
            var action = command.Result switch
            {
                Outcome.SignedIn => AuditActions.SignedIn,
                Outcome.LockedOut => AuditActions.LockedOut,
                _ => AuditActions.SignInFailed,
            };
            audit.Record(personId, action, personId is null ? "person/unknown" : $"person/{personId}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
