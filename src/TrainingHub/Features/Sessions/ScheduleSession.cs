using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Sessions;

public static class ScheduleSession
{
    /// <param name="Date">Date and <paramref name="StartTime"/> in the institute's time zone.</param>
    public sealed record Command(string ActorId, Guid CohortId, string LessonId, DateOnly? Date, TimeOnly? StartTime, string? Place, string? VideoLink)
        : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.LessonId).NotEmpty().WithMessage("Choose the lesson this session teaches.");
            RuleFor(c => c.Date).NotNull().WithMessage("Enter the date of the session.");
            RuleFor(c => c.StartTime).NotNull().WithMessage("Enter the time the session starts.");
            RuleFor(c => c.Place).MaximumLength(300);
            RuleFor(c => c.VideoLink).MaximumLength(500)
                .Must(link => string.IsNullOrWhiteSpace(link) || (Uri.TryCreate(link, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps))
                .WithMessage("A video link must be a full address starting with https://.");
            RuleFor(c => c).Must(c => !string.IsNullOrWhiteSpace(c.Place) || !string.IsNullOrWhiteSpace(c.VideoLink))
                .WithName("Place").OverridePropertyName("Place")
                .WithMessage("Say where the session happens: a place, a video link, or both.");
        }
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, CohortAccess access, TimeProvider clock, AuditTrail audit,
        IOptions<InstituteOptions> institute) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var cohort = await access.RequireCohortAsync(command.ActorId, command.CohortId, ct);
            var lesson = catalog.FindLesson(cohort.CourseId, command.LessonId);
            if (lesson is not { Delivery: LessonDelivery.Live })
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.LessonId), "Choose a live lesson of this cohort's course.")]);
            }
            var zone = TimeZoneInfo.FindSystemTimeZoneById(institute.Value.TimeZone);
            var local = command.Date!.Value.ToDateTime(command.StartTime!.Value, DateTimeKind.Unspecified);
            var session = new LiveSession
            {
                Id = Guid.NewGuid(),
                CohortId = cohort.Id,
                CourseId = cohort.CourseId,
                LessonId = lesson.Id,
                StartsAt = TimeZoneInfo.ConvertTimeToUtc(local, zone),
                DurationMinutes = (int)(lesson.Hours * 60),
                Place = string.IsNullOrWhiteSpace(command.Place) ? null : command.Place.Trim(),
                VideoLink = string.IsNullOrWhiteSpace(command.VideoLink) ? null : command.VideoLink.Trim(),
                ScheduledById = command.ActorId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.LiveSessions.Add(session);
            audit.Record(command.ActorId, AuditActions.SessionScheduled, $"session/{session.Id}", $"{lesson.Id} for cohort {cohort.Id} at {session.StartsAt:u}");
            await db.SaveChangesAsync(ct);
            return session.Id;
        }
    }
}
