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
        EarlierLesson? PreviousIncomplete = null, string Language = OriginalLanguage, bool NotTranslated = false);

    /// <summary>Courses are written in English; translations sit beside the originals.</summary>
    public const string OriginalLanguage = "en";

    /// <summary>
    /// The person's own record on this lesson, with the heartbeat settings the page needs, and their private note on it
    /// (<paramref name="NoteId"/> null when they have none).
    /// </summary>
    public sealed record LessonRecord(int ActiveSeconds, int RequiredSeconds, bool ReachedEnd, decimal CreditedHours, int HeartbeatSeconds, int IdleMinutes,
        Guid? NoteId = null, string? NoteText = null)
    {
        public bool Complete(decimal lessonHours) => CreditedHours >= lessonHours;

        /// <summary>Whole minutes of active time still needed (rounded up), zero once the minutes are there.</summary>
        public int MinutesLeft => Math.Max(0, (RequiredSeconds - ActiveSeconds + 59) / 60);

        public int MinutesCounted => Math.Min(ActiveSeconds, RequiredSeconds) / 60;

        public int MinutesNeeded => (RequiredSeconds + 59) / 60;
    }

    /// <summary>The self-paced lesson before this one, when the person has not completed it: what it still needs.</summary>
    public sealed record EarlierLesson(Lesson Lesson, int MinutesLeft, bool ReachedEnd);

    public sealed class Handler(CourseCatalog catalog, TrainingHubDb db, IOptions<LearningRecordOptions> options, LessonReadings readings) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var course = catalog.Find(query.CourseId);
            var lesson = catalog.FindLesson(query.CourseId, query.LessonId);
            if (course is null || lesson is null || !course.Published) throw new NotFoundException("There is no lesson at this address.");

            var module = course.Modules.First(m => m.Id == lesson.ModuleId);
            var (previous, next) = catalog.Neighbours(lesson);
            var earlier = previous is { Delivery: LessonDelivery.SelfPaced } && previous.CourseId == course.Id ? previous : null;
            var reading = await readings.ReadAsync(db, query.PersonId, course.Id, lesson.Id, earlier?.Id ?? "", ct);
            if (reading is null && !query.Staff) throw new ForbiddenException("Enrol in this course to open its lessons.");

            LessonRecord? record = null;
            EarlierLesson? incomplete = null;
            if (reading is not null)
            {
                var o = options.Value;
                record = new LessonRecord(reading.ActiveSeconds, SeatTimeRules.RequiredSeconds(lesson.Hours, o.MinutesPerCreditedHour),
                    reading.ReachedEnd, reading.CreditedHours, o.HeartbeatSeconds, o.IdleMinutes,
                    lesson.Delivery == LessonDelivery.SelfPaced ? reading.NoteId : null, lesson.Delivery == LessonDelivery.SelfPaced ? reading.NoteText : null);
                if (earlier is not null && reading.PreviousCreditedHours < earlier.Hours)
                {
                    var required = SeatTimeRules.RequiredSeconds(earlier.Hours, o.MinutesPerCreditedHour);
                    incomplete = new EarlierLesson(earlier, Math.Max(0, (required - reading.PreviousActiveSeconds + 59) / 60), reading.PreviousReachedEnd);
                }
            }
            var reader = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            if (reader == OriginalLanguage) return new Result(course, module, lesson, previous, next, query.Staff, record, incomplete);

            // The headings around the lesson (course, module, neighbours) in the reader's language where translated.
            var shown = catalog.InLanguage(course, reader);
            var shownModule = shown.Modules.First(m => m.Id == module.Id);
            Lesson? Words(Lesson? l) => l is null || l.CourseId != course.Id ? l : shown.Lessons.First(x => x.Id == l.Id);
            incomplete = incomplete is null ? null : incomplete with { Lesson = Words(incomplete.Lesson)! };
            if (catalog.FindTranslation(course.Id, lesson.Id, reader) is null)
            {
                return new Result(shown, shownModule, lesson, Words(previous), Words(next), query.Staff, record, incomplete, OriginalLanguage, NotTranslated: true);
            }
            return new Result(shown, shownModule, Words(lesson)!, Words(previous), Words(next), query.Staff, record, incomplete, reader);
        }
    }
}
