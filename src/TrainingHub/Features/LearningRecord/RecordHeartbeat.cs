using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.LearningRecord;

/// <summary>
/// A heartbeat from a self-paced lesson page that is visible and in use. Time is credited against the person's one
/// clock across all tabs and devices, so overlapping beats never count the same minute twice.
/// </summary>
public static class RecordHeartbeat
{
    /// <param name="Starting">The page has just opened: start the clock without crediting time spent elsewhere.</param>
    /// <param name="ReachedEnd">The person has scrolled to the end of the lesson.</param>
    public sealed record Command(string PersonId, string CourseId, string LessonId, Guid BeatId, DateTime? ClientSentAt, bool Starting, bool ReachedEnd)
        : ICommand<Result>;

    public enum Outcome { Credited, Duplicate, FromTheFuture }

    public sealed record Result(Outcome Outcome, int CreditedSeconds, int ActiveSeconds, int RequiredSeconds, bool ReachedEnd, bool LessonComplete);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog)
        {
            RuleFor(c => c.PersonId).NotEmpty();
            RuleFor(c => c.BeatId).NotEmpty().WithMessage("The heartbeat has no id.");
            RuleFor(c => c.LessonId)
                .Must((c, lessonId) => catalog.FindLesson(c.CourseId, lessonId) is not null).WithMessage("There is no such lesson.")
                .Must((c, lessonId) => catalog.FindLesson(c.CourseId, lessonId) is not { Delivery: LessonDelivery.Live })
                .WithMessage("Time is recorded on self-paced lessons only; live lessons count by attendance.");
        }
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, TimeProvider clock, IOptions<LearningRecordOptions> options,
        HoursLedger ledger, CompletionCheck completion) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var lesson = catalog.FindLesson(command.CourseId, command.LessonId)!;
            var o = options.Value;
            var required = SeatTimeRules.RequiredSeconds(lesson.Hours, o.MinutesPerCreditedHour);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await TryOnce(command, lesson, required, o, ct);
                }
                catch (DbUpdateException) when (attempt < 4)
                {
                    // Another beat of this person won the race for the clock (or the same beat arrived twice): recompute.
                    db.ChangeTracker.Clear();
                }
            }
        }

        private async Task<Result> TryOnce(Command command, Lesson lesson, int required, LearningRecordOptions o, CancellationToken ct)
        {
            // One connection for the whole beat, the most frequent request the site answers: otherwise each of its queries
            // opens and closes one, and with SQLite each open also runs EF Core's foreign-key pragma.
            await db.Database.OpenConnectionAsync(ct);
            var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.PersonId == command.PersonId && e.CourseId == command.CourseId, ct)
                ?? throw new ForbiddenException("You are not enrolled in this course, so time on it is not recorded.");

            var beats = db.SeatTimeBeats.AsNoTracking().Where(b => b.PersonId == command.PersonId && b.LessonId == lesson.Id);
            var active = await beats.SumAsync(b => b.CreditedSeconds, ct);
            var reachedEnd = await beats.AnyAsync(b => b.ReachedEnd, ct);
            var complete = (await ledger.LessonStatesAsync(enrollment.Id, ct)).Any(s => s.LessonId == lesson.Id && s.CreditedHours + s.PendingHours >= lesson.Hours);

            if (await db.SeatTimeBeats.AnyAsync(b => b.Id == command.BeatId, ct))
            {
                return new Result(Outcome.Duplicate, 0, active, required, reachedEnd, complete);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            var personClock = await db.SeatTimeClocks.SingleOrDefaultAsync(c => c.PersonId == command.PersonId, ct);
            var creditedToday = await beats.Where(b => b.Day == today).SumAsync(b => b.CreditedSeconds, ct);
            var settings = new SeatTimeRules.Settings(o.HeartbeatSeconds, o.HeartbeatSlackSeconds, o.FutureToleranceSeconds, o.MaxActiveMinutesPerLessonPerDay * 60);
            var verdict = SeatTimeRules.Credit(now, command.ClientSentAt, command.Starting ? null : personClock?.LastBeatAt, creditedToday, settings);
            if (verdict.Verdict == SeatTimeRules.Verdict.FromTheFuture)
            {
                return new Result(Outcome.FromTheFuture, 0, active, required, reachedEnd, complete);
            }

            db.SeatTimeBeats.Add(new SeatTimeBeat
            {
                Id = command.BeatId,
                PersonId = command.PersonId,
                CourseId = command.CourseId,
                LessonId = lesson.Id,
                ReceivedAt = now,
                Day = today,
                CreditedSeconds = verdict.CreditedSeconds,
                ReachedEnd = command.ReachedEnd,
            });
            if (personClock is null)
            {
                db.SeatTimeClocks.Add(new SeatTimeClock { PersonId = command.PersonId, LastBeatAt = now, Version = Guid.NewGuid() });
            }
            else if (now > personClock.LastBeatAt)
            {
                personClock.LastBeatAt = now;
                personClock.Version = Guid.NewGuid();
            }

            active += verdict.CreditedSeconds;
            reachedEnd |= command.ReachedEnd;
            if (!complete && SeatTimeRules.SelfPacedComplete(lesson.Hours, active, reachedEnd, o.MinutesPerCreditedHour))
            {
                var entry = await ledger.CreditLessonAsync(enrollment, lesson, lesson.Hours, HoursDelivery.SelfPaced, HoursSource.SeatTime, today, null, null, ct);
                complete = entry is not null;
                if (entry is not null) await completion.MarkIfCompleteAsync(enrollment, [entry], ct);
            }
            await db.SaveChangesAsync(ct);
            return new Result(Outcome.Credited, verdict.CreditedSeconds, active, required, reachedEnd, complete);
        }
    }
}
