using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;
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

    /// <summary>
    /// <see cref="Superseded"/>: many beats of the same person arrived at once (a burst of tabs or retries) and others were
    /// counted for this moment; this one adds nothing, and the next beat goes on from the person's clock.
    /// </summary>
    public enum Outcome { Credited, Duplicate, FromTheFuture, Superseded }

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
        HoursLedger ledger, SeatTimeStore store, Pipeline.UnitOfWork unitOfWork)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var lesson = catalog.FindLesson(command.CourseId, command.LessonId)!;
            var o = options.Value;
            var required = SeatTimeRules.RequiredSeconds(lesson.Hours, o.MinutesPerCreditedHour);
            // One connection for the whole beat, the most frequent request the site answers: otherwise each of its queries
            // opens and closes one. Closed here again, so a pooled context goes back to the pool as it came.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await TryOnce(command, lesson, required, o, ct);
                    }
                    catch (DbUpdateException e) when (DbConflicts.IsLostRace(e))
                    {
                        // Another beat of this person won the race for the clock or the totals (or the same beat arrived twice):
                        // recompute. Each round of racing beats lets at least one through, so a person with several tabs
                        // open needs at most one try per tab; a burst of more is answered, not failed.
                        db.ChangeTracker.Clear();
                        if (attempt >= MaxTries) return await SupersededAsync(command, lesson, required, ct);
                    }
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        private const int MaxTries = 10;

        private async Task<Result> SupersededAsync(Command command, Lesson lesson, int required, CancellationToken ct)
        {
            var read = await store.ReadAsync(command.PersonId, command.CourseId, lesson.Id, command.BeatId, ct);
            db.ChangeTracker.Clear();
            return new Result(Outcome.Superseded, 0, read?.Totals.ActiveSeconds ?? 0, required, read?.Totals.ReachedEnd ?? false, read?.LedgerHours >= lesson.Hours);
        }

        private async Task<Result> TryOnce(Command command, Lesson lesson, int required, LearningRecordOptions o, CancellationToken ct)
        {
            var read = await store.ReadAsync(command.PersonId, command.CourseId, lesson.Id, command.BeatId, ct)
                ?? throw new ForbiddenException("You are not enrolled in this course, so time on it is not recorded.");
            var totals = read.Totals;
            // Credited and pending entries both count: pending ones only wait for a supervisor's sign-off.
            var complete = read.LedgerHours >= lesson.Hours;
            if (read.BeatSeen)
            {
                return new Result(Outcome.Duplicate, 0, totals.ActiveSeconds, required, totals.ReachedEnd, complete);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            var settings = new SeatTimeRules.Settings(o.HeartbeatSeconds, o.HeartbeatSlackSeconds, o.FutureToleranceSeconds, o.MaxActiveMinutesPerLessonPerDay * 60);
            var verdict = SeatTimeRules.Credit(now, command.ClientSentAt, command.Starting ? null : read.Clock?.LastBeatAt, totals.SecondsOn(today), settings);
            if (verdict.Verdict == SeatTimeRules.Verdict.FromTheFuture)
            {
                return new Result(Outcome.FromTheFuture, 0, totals.ActiveSeconds, required, totals.ReachedEnd, complete);
            }

            var beat = new SeatTimeBeat
            {
                Id = command.BeatId,
                PersonId = command.PersonId,
                CourseId = command.CourseId,
                LessonId = lesson.Id,
                ReceivedAt = now,
                Day = today,
                CreditedSeconds = verdict.CreditedSeconds,
                ReachedEnd = command.ReachedEnd,
            };
            totals.Add(today, verdict.CreditedSeconds, command.ReachedEnd);

            if (!complete && SeatTimeRules.SelfPacedComplete(lesson.Hours, totals.ActiveSeconds, totals.ReachedEnd, o.MinutesPerCreditedHour))
            {
                // The beat that completes the lesson is saved with the lesson's ledger entry, in one unit of work (which
                // also completes the course when this was its last lesson).
                store.Stage(beat, read, now);
                var entries = await ledger.CreditLessonAsync(read.Enrollment, lesson, lesson.Hours, HoursDelivery.SelfPaced, HoursSource.SeatTime, today, null, null, ct);
                complete = entries.Count > 0;
                await unitOfWork.SaveAsync(ct);
            }
            else
            {
                await store.SaveAsync(beat, read, now, ct);
            }
            return new Result(Outcome.Credited, verdict.CreditedSeconds, totals.ActiveSeconds, required, totals.ReachedEnd, complete);
        }
    }
}
