using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Sessions;

/// <summary>
/// Records who attended a live session. Each change is a new attendance record; hours follow the attendance rule,
/// and a change to hours already credited is a reversing entry with the facilitator's reason.
/// </summary>
public static class RecordAttendance
{
    public sealed record Mark(string PersonId, bool Present, int? FromMinute, int? ToMinute);

    public sealed record Command(string ActorId, Guid SessionId, IReadOnlyList<Mark> Marks, string? CorrectionReason) : ICommand<int>, Pipeline.ITransactional;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Marks).NotEmpty().WithMessage("There is no one to mark.");
            RuleForEach(c => c.Marks).ChildRules(m =>
            {
                m.RuleFor(x => x.FromMinute).GreaterThanOrEqualTo(0).When(x => x.FromMinute is not null).WithMessage("Arrival cannot be before the start.");
                m.RuleFor(x => x).Must(x => x.FromMinute is null || x.ToMinute is null || x.ToMinute > x.FromMinute)
                    .WithMessage("The time someone left must be after the time they arrived.");
            });
            RuleFor(c => c.CorrectionReason).MaximumLength(1000);
        }
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, CohortAccess access, HoursLedger ledger,
        TimeProvider clock, AuditTrail audit, IOptions<LearningRecordOptions> options, SiteTimeZones zones) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var session = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.SessionId, ct)
                ?? throw new NotFoundException("There is no such session.");
            await access.RequireCohortAsync(command.ActorId, session.CohortId, ct);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(await zones.ZoneIdOfCohortAsync(session.CohortId, ct));
            var now = clock.GetUtcNow().UtcDateTime;
            if (session.Cancelled) throw new ValidationException([new ValidationFailure("", "This session was cancelled, so there is no attendance to record.")]);
            SessionWording.RequireStarted(session, now, zone);
            var lesson = catalog.FindLesson(session.CourseId, session.LessonId) ?? throw new NotFoundException("This session's lesson is no longer in the course.");
            var roster = (await Roster.ForSessionAsync(db, session, ct)).ToDictionary(m => m.PersonId);
            var latest = await Roster.LatestAttendanceAsync(db, session.Id, ct);

            var failures = new List<ValidationFailure>();
            foreach (var (mark, i) in command.Marks.Select((m, i) => (m, i)))
            {
                if (!roster.TryGetValue(mark.PersonId, out var member))
                {
                    failures.Add(new ValidationFailure($"Marks[{i}]", "This person is not on this session's list."));
                    continue;
                }
                if (mark.ToMinute > session.DurationMinutes)
                {
                    failures.Add(new ValidationFailure($"Marks[{i}]", Localization.Words.Current["{0}: the session lasts {1} minutes; enter a leaving time within it.", member.FullName, session.DurationMinutes]));
                }
                if (latest.TryGetValue(mark.PersonId, out var previous) && Changed(previous, mark) && string.IsNullOrWhiteSpace(command.CorrectionReason))
                {
                    failures.Add(new ValidationFailure(nameof(Command.CorrectionReason), Localization.Words.Current["Attendance for {0} was already recorded. Say why you are changing it.", member.FullName]));
                }
            }
            if (failures.Count > 0) throw new ValidationException(failures);

            var settings = new AttendanceRules.Settings(options.Value.AttendanceRule, options.Value.AttendanceMinimumSharePercent);
            var sessionDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(session.StartsAt, zone));
            var changed = 0;

            foreach (var mark in command.Marks)
            {
                latest.TryGetValue(mark.PersonId, out var previous);
                if (previous is not null && !Changed(previous, mark)) continue;
                var correction = previous is null ? null : command.CorrectionReason!.Trim();
                db.AttendanceRecords.Add(new AttendanceRecord
                {
                    Id = Guid.NewGuid(),
                    SessionId = session.Id,
                    PersonId = mark.PersonId,
                    Present = mark.Present,
                    PresentFromMinute = mark.Present ? mark.FromMinute : null,
                    PresentToMinute = mark.Present ? mark.ToMinute : null,
                    MakeUp = roster[mark.PersonId].MakeUp,
                    RecordedById = command.ActorId,
                    RecordedAt = now,
                    CorrectionReason = correction,
                });
                audit.Record(command.ActorId, AuditActions.AttendanceRecorded, $"session/{session.Id}",
                    $"{mark.PersonId}: {(mark.Present ? "present" : "absent")}{(correction is null ? "" : $" (correction: {correction})")}");

                var enrollment = await db.Enrollments.SingleAsync(e => e.PersonId == mark.PersonId && e.CourseId == session.CourseId, ct);
                var fromThisSession = await db.HoursEntries.Where(h => h.LiveSessionId == session.Id && h.PersonId == mark.PersonId).ToListAsync(ct);
                var reversed = fromThisSession.Where(h => h.ReversesEntryId is not null).Select(h => h.ReversesEntryId).ToHashSet();
                foreach (var standing in fromThisSession.Where(h => h.Hours > 0 && !reversed.Contains(h.Id)))
                {
                    ledger.Reverse(standing, correction ?? "attendance changed", command.ActorId);
                }

                var credit = AttendanceRules.Credit(settings, lesson.Hours, session.DurationMinutes, mark.Present, mark.FromMinute, mark.ToMinute);
                await ledger.CreditLessonAsync(enrollment, lesson, credit, session.Delivery, HoursSource.Attendance, sessionDay, command.ActorId, session.Id, ct);
                changed++;
            }
            return changed;
        }

        private static bool Changed(AttendanceRecord previous, Mark mark) =>
            previous.Present != mark.Present ||
            (mark.Present && (previous.PresentFromMinute != mark.FromMinute || previous.PresentToMinute != mark.ToMinute));
    }
}
