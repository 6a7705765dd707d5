using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Catalog;

public static class GetLesson
{
    /// <param name="Staff">The person signed in as a facilitator or institute admin (their sign-in's roles, as the
    /// facilitation pages' policy reads them): they may open lessons without enrolling and see the facilitator agenda.</param>
    public sealed record Query(string CourseId, string LessonId, string PersonId, bool Staff) : IQuery<Result>;

    /// <param name="Lesson">The lesson with its title, objectives and text in the reader's language when it has a translation
    /// (hours, domains and content hash are always the original's).</param>
    /// <param name="Language">The language the lesson's words are in (two letters).</param>
    /// <param name="NotTranslated">The reader reads another language than the lesson's original, and it has no translation.</param>
    public sealed record Result(Course Course, Module Module, Lesson Lesson, Lesson? Previous, Lesson? Next, bool ShowFacilitatorAgenda, LessonRecord? Record,
        string Language = OriginalLanguage, bool NotTranslated = false);

    /// <summary>Courses are written in English; translations sit beside the originals.</summary>
    public const string OriginalLanguage = "en";

    /// <summary>The person's own record on this lesson, with the heartbeat settings the page needs.</summary>
    public sealed record LessonRecord(int ActiveSeconds, int RequiredSeconds, bool ReachedEnd, decimal CreditedHours, int HeartbeatSeconds, int IdleMinutes);

    private sealed record Reading(int? ActiveSeconds, bool? ReachedEnd, decimal CreditedHours);

    private sealed record BeatsReading(int ActiveSeconds, bool ReachedEnd);

    // The lesson page is what trainees open most: one compiled round trip for the enrolment, the lesson's running totals
    // (joined, at most one row by its key) and its hours in the ledger. SQLite compiles each statement again on every
    // call, so the statement is kept small: the beats are read by a second query only when there is no totals row
    // (a lesson not started yet, or data from before the totals).
    private static readonly Func<TrainingHubDb, string, string, string, CancellationToken, Task<Reading?>> Read =
        EF.CompileAsyncQuery((TrainingHubDb db, string personId, string courseId, string lessonId, CancellationToken ct) =>
            (from e in db.Enrollments.AsNoTracking()
             where e.PersonId == personId && e.CourseId == courseId
             from t in db.SeatTimeTotals.AsNoTracking().Where(t => t.PersonId == personId && t.LessonId == lessonId).DefaultIfEmpty()
             select new Reading(
                 t == null ? null : t.ActiveSeconds,
                 t == null ? null : t.ReachedEnd,
                 db.HoursEntries.Where(h => h.PersonId == personId && h.CourseId == courseId && h.LessonId == lessonId).Sum(h => (decimal?)h.Hours) ?? 0m))
            .FirstOrDefault());

    private static readonly Func<TrainingHubDb, string, string, CancellationToken, Task<BeatsReading?>> ReadBeats =
        EF.CompileAsyncQuery((TrainingHubDb db, string personId, string lessonId, CancellationToken ct) =>
            db.SeatTimeBeats.AsNoTracking().Where(b => b.PersonId == personId && b.LessonId == lessonId)
                .GroupBy(b => b.PersonId)
                .Select(g => new BeatsReading(g.Sum(b => b.CreditedSeconds), g.Max(b => b.ReachedEnd ? 1 : 0) == 1))
                .FirstOrDefault());

    public sealed class Handler(CourseCatalog catalog, TrainingHubDb db, IOptions<LearningRecordOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var course = catalog.Find(query.CourseId);
            var lesson = catalog.FindLesson(query.CourseId, query.LessonId);
            if (course is null || lesson is null || !course.Published) throw new NotFoundException("There is no lesson at this address.");

            var reading = await Read(db, query.PersonId, course.Id, lesson.Id, ct);
            if (reading is null && !query.Staff) throw new ForbiddenException("Enrol in this course to open its lessons.");

            LessonRecord? record = null;
            if (reading is not null)
            {
                var (activeSeconds, reachedEnd) = reading.ActiveSeconds is { } seconds
                    ? (seconds, reading.ReachedEnd == true)
                    : await ReadBeats(db, query.PersonId, lesson.Id, ct) is { } beats ? (beats.ActiveSeconds, beats.ReachedEnd) : (0, false);
                var o = options.Value;
                record = new LessonRecord(activeSeconds, SeatTimeRules.RequiredSeconds(lesson.Hours, o.MinutesPerCreditedHour),
                    reachedEnd, reading.CreditedHours, o.HeartbeatSeconds, o.IdleMinutes);
            }
            var module = course.Modules.First(m => m.Id == lesson.ModuleId);
            var (previous, next) = catalog.Neighbours(lesson);
            var reader = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            if (reader == OriginalLanguage) return new Result(course, module, lesson, previous, next, query.Staff, record);
            if (catalog.FindTranslation(course.Id, lesson.Id, reader) is not { } translation)
            {
                return new Result(course, module, lesson, previous, next, query.Staff, record, OriginalLanguage, NotTranslated: true);
            }
            var translated = lesson with { Title = translation.Title, Objectives = translation.Objectives, Html = translation.Html };
            return new Result(course, module, translated, previous, next, query.Staff, record, reader);
        }
    }
}
