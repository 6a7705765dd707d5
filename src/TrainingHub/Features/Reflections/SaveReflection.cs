using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Reflections;

/// <summary>A trainee keeps their own note on a self-paced lesson: one per lesson, replaced when saved again.</summary>
public static class SaveReflection
{
    public sealed record Command(string PersonId, string CourseId, string LessonId, string? Text) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog)
        {
            RuleFor(c => c.Text).NotEmpty().WithMessage("Write your note before saving it. To remove a note, use “Delete my note”.")
                .MaximumLength(LessonReflection.MaxLength).WithMessage("A note can be up to {MaxLength:N0} characters; shorten it a little.");
            RuleFor(c => c.LessonId)
                .Must((c, lessonId) => catalog.FindLesson(c.CourseId, lessonId) is { Delivery: LessonDelivery.SelfPaced })
                .WithMessage("Notes are kept on self-paced lessons only.");
        }
    }

    public sealed class Handler(TrainingHubDb db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            if (!await db.Enrollments.AnyAsync(e => e.PersonId == command.PersonId && e.CourseId == command.CourseId, ct))
            {
                throw new ForbiddenException("Enrol in this course to keep notes on its lessons.");
            }
            var text = command.Text!.Trim();
            for (var attempt = 1; ; attempt++)
            {
                var note = await db.LessonReflections.SingleOrDefaultAsync(
                    r => r.PersonId == command.PersonId && r.CourseId == command.CourseId && r.LessonId == command.LessonId, ct);
                if (note is null)
                {
                    note = new LessonReflection { Id = Guid.NewGuid(), PersonId = command.PersonId, CourseId = command.CourseId, LessonId = command.LessonId };
                    db.LessonReflections.Add(note);
                }
                note.Text = text;
                note.UpdatedAt = clock.GetUtcNow().UtcDateTime;
                try
                {
                    await db.SaveChangesAsync(ct);
                    return Unit.Value;
                }
                catch (DbUpdateException e) when (attempt == 1 && DbConflicts.IsLostRace(e))
                {
                    // The same person saved from a second tab at the same moment and created the note first: save over it.
                    db.ChangeTracker.Clear();
                }
            }
        }
    }
}
