using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Reflections;

/// <summary>A trainee deletes their own lesson note: the row is removed, not marked.</summary>
public static class DeleteReflection
{
    public sealed record Command(string PersonId, Guid NoteId) : ICommand;

    public sealed class Handler(TrainingHubDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            // Someone else's note answers as if it did not exist, so its existence is not given away.
            var deleted = await db.LessonReflections.Where(r => r.Id == command.NoteId && r.PersonId == command.PersonId).ExecuteDeleteAsync(ct);
            if (deleted == 0) throw new NotFoundException("There is no such note of yours. It may have been deleted already.");
            return Unit.Value;
        }
    }
}
