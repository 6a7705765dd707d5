using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Quizzes;

/// <summary>A facilitator (of the person's cohort), the site's coordinator or an institute admin gives a fresh set of attempts.</summary>
public static class ResetQuizAttempts
{
    public sealed record Command(string ActorId, string PersonId, string CourseId, string ModuleId, string Reason) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog)
        {
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the attempts are reset (for example: went over the module again together).")
                .MaximumLength(1000);
            RuleFor(c => c.ModuleId)
                .Must((c, m) => catalog.Find(c.CourseId)?.Modules.FirstOrDefault(x => x.Id == m)?.Quiz is not null)
                .WithMessage("This module has no quiz.");
            RuleFor(c => c.PersonId).NotEmpty();
        }
    }

    public sealed class Handler(TrainingHubDb db, CohortAccess access, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var enrollment = await db.Enrollments.AsNoTracking().SingleOrDefaultAsync(e => e.PersonId == command.PersonId && e.CourseId == command.CourseId, ct)
                ?? throw new NotFoundException("This person is not enrolled in the course.");
            await access.RequireForPersonAsync(command.ActorId, enrollment, ct);
            db.QuizResets.Add(new QuizReset
            {
                Id = Guid.NewGuid(),
                PersonId = command.PersonId,
                CourseId = command.CourseId,
                ModuleId = command.ModuleId,
                ResetById = command.ActorId,
                Reason = command.Reason.Trim(),
                ResetAt = clock.GetUtcNow().UtcDateTime,
            });
            audit.Record(command.ActorId, AuditActions.QuizReset, $"person/{command.PersonId}", $"{command.CourseId}/{command.ModuleId}: {command.Reason.Trim()}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
