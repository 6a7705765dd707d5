using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sessions;

public static class ScheduleSession
{
    /// <param name="Date">Date and <paramref name="StartTime"/> in the site's time zone (the institute's when the site has none).</param>
    public sealed record Command(string ActorId, Guid CohortId, string LessonId, DateOnly? Date, TimeOnly? StartTime, string? Place, string? VideoLink)
        : ICommand<Guid>, ISessionWhenAndWhere, Pipeline.ITransactional;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.LessonId).NotEmpty().WithMessage("Choose the lesson this session teaches.");
            Include(new SessionWhenAndWhereValidator());
        }
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, CohortAccess access, TimeProvider clock, AuditTrail audit,
        SiteTimeZones zones, SessionNotices notices) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var cohort = await access.RequireCohortAsync(command.ActorId, command.CohortId, ct);
            var lesson = catalog.FindLesson(cohort.CourseId, command.LessonId);
            if (lesson is not { Delivery: LessonDelivery.Live })
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.LessonId), "Choose a live lesson of this cohort's course.")]);
            }
            var zone = TimeZoneInfo.FindSystemTimeZoneById(await zones.ZoneIdOfCohortAsync(cohort.Id, ct));
            var session = new LiveSession
            {
                Id = Guid.NewGuid(),
                CohortId = cohort.Id,
                CourseId = cohort.CourseId,
                LessonId = lesson.Id,
                StartsAt = SessionWhenAndWhereValidator.StartUtc(command, zone),
                DurationMinutes = (int)(lesson.Hours * 60),
                Place = SessionWhenAndWhereValidator.Clean(command.Place),
                VideoLink = SessionWhenAndWhereValidator.Clean(command.VideoLink),
                ScheduledById = command.ActorId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.LiveSessions.Add(session);
            audit.Record(command.ActorId, AuditActions.SessionScheduled, $"session/{session.Id}", $"{lesson.Id} for cohort {cohort.Id} at {session.StartsAt:u}");
            await notices.QueueAsync(session, ct);
            return session.Id;
        }
    }
}
