using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.SignOffs;

/// <summary>
/// Only an institute admin revokes a sign-off, with a reason. The hours it credited are reversed and wait for a new
/// sign-off; practicum entries it approved must be resubmitted. Nothing is edited or deleted.
/// </summary>
public static class RevokeSignOff
{
    public sealed record Command(string AdminId, Guid SignOffId, string Reason) : ICommand, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin can revoke a sign-off.";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the sign-off is revoked.").MaximumLength(1000);
        }
    }

    public sealed class Handler(TrainingHubDb db, HoursLedger ledger, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var signOff = await db.SignOffs.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.SignOffId, ct)
                ?? throw new NotFoundException("There is no such sign-off.");
            if (signOff.Decision != SignOffDecision.Approved)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.SignOffId), "Only an approval can be revoked.")]);
            }
            if (await db.SignOffRevocations.AnyAsync(r => r.SignOffId == signOff.Id, ct))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.SignOffId), "This sign-off is already revoked.")]);
            }
            var revocation = new SignOffRevocation
            {
                Id = Guid.NewGuid(), SignOffId = signOff.Id, RevokedById = command.AdminId, Reason = command.Reason.Trim(), RevokedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.SignOffRevocations.Add(revocation);
            var keys = await db.SignOffItems.AsNoTracking().Where(i => i.SignOffId == signOff.Id && i.Subject == SignOffSubject.Hours)
                .Select(i => $"signoff/{signOff.Id}/{i.SubjectId}").ToListAsync(ct);
            var credited = await db.HoursEntries.AsNoTracking().Where(h => keys.Contains(h.IdempotencyKey)).ToListAsync(ct);
            foreach (var entry in credited)
            {
                ledger.Restate(entry, HoursStatus.Pending, $"sign-off revoked: {revocation.Reason}", command.AdminId, $"revoke/{revocation.Id}/{entry.Id}");
            }
            var enrollmentIds = credited.Select(c => c.EnrollmentId).Distinct().ToList();
            foreach (var enrollment in await db.Enrollments.Where(e => enrollmentIds.Contains(e.Id) && e.Status == EnrollmentStatus.Completed).ToListAsync(ct))
            {
                enrollment.Status = EnrollmentStatus.Active;
            }
            audit.Record(command.AdminId, AuditActions.SignOffRevoked, $"signoff/{signOff.Id}", revocation.Reason);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
