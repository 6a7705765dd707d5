using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Quizzes;

/// <summary>Opens the person's quiz attempt for a module (or returns the one already open). The view carries no answer key.</summary>
public static class StartQuizAttempt
{
    public sealed record Command(string PersonId, string CourseId, string ModuleId) : ICommand<Result>;

    /// <param name="Value">The option's place on this attempt's paper (shuffled per attempt), never its place in the course file,
    /// so the values a browser sends say nothing about which option is right.</param>
    public sealed record OptionView(int Value, string Text);

    public sealed record QuestionView(string Id, QuestionType Type, string StemHtml, IReadOnlyList<OptionView> Options);

    public sealed record Result(string CourseTitle, string ModuleTitle, Guid? AttemptId, int Number, int PassMark, QuizStanding Standing, IReadOnlyList<QuestionView> Questions);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog)
        {
            RuleFor(c => c.PersonId).NotEmpty();
            RuleFor(c => c.ModuleId)
                .Must((c, m) => catalog.Find(c.CourseId)?.Modules.FirstOrDefault(x => x.Id == m)?.Quiz is not null)
                .WithMessage("This module has no quiz.");
        }
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, TimeProvider clock, IOptions<LearningRecordOptions> options)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var course = catalog.Find(command.CourseId)!;
            var module = course.Modules.First(m => m.Id == command.ModuleId);
            var quiz = module.Quiz!;
            if (!await db.Enrollments.AnyAsync(e => e.PersonId == command.PersonId && e.CourseId == course.Id, ct))
            {
                throw new ForbiddenException("Enrol in this course to take its quizzes.");
            }
            var reader = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var shown = catalog.InLanguage(course, reader);
            var (courseTitle, moduleTitle) = (shown.Title, shown.Modules.First(m => m.Id == module.Id).Title);
            var limit = options.Value.QuizAttemptLimit;
            var standing = await QuizStandingQuery.ForAsync(db, command.PersonId, course.Id, module.Id, limit, ct);
            var open = standing.OpenAttemptId is { } openId ? await db.QuizAttempts.AsNoTracking().SingleAsync(a => a.Id == openId, ct) : null;
            if (open is null && (standing.AttemptsLeft == 0 || standing.Passed))
            {
                return new Result(courseTitle, moduleTitle, null, 0, quiz.PassMark, standing, []);
            }
            if (open is null)
            {
                open = new QuizAttempt
                {
                    Id = Guid.NewGuid(),
                    PersonId = command.PersonId,
                    CourseId = course.Id,
                    ModuleId = module.Id,
                    OpenKey = QuizAttemptKeys.Open,
                    Number = await db.QuizAttempts.CountAsync(a => a.PersonId == command.PersonId && a.CourseId == course.Id && a.ModuleId == module.Id, ct) + 1,
                    Layout = QuizLayout.Draw(quiz, Random.Shared).ToJson(),
                    StartedAt = clock.GetUtcNow().UtcDateTime,
                    PassMark = quiz.PassMark,
                    ContentHash = course.ContentHash,
                };
                db.QuizAttempts.Add(open);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Opened in another tab at the same moment: use that one.
                    db.ChangeTracker.Clear();
                    open = await db.QuizAttempts.AsNoTracking().SingleAsync(a => a.PersonId == command.PersonId && a.CourseId == course.Id && a.ModuleId == module.Id && a.OpenKey == QuizAttemptKeys.Open, ct);
                }
            }
            // The paper is drawn and scored from the original; a translation (same questions, options and keys in the same
            // order, the loader checks) only lends its words to what the reader sees.
            var words = catalog.FindQuizTranslation(course.Id, module.Id, reader)?.Quiz ?? quiz;
            var questions = QuizLayout.FromJson(open.Layout).Items
                .Select(item => (item, q: quiz.Questions.FirstOrDefault(q => q.Id == item.QuestionId)))
                .Where(x => x.q is not null)
                .Select(x => (x.item, q: x.q!, shown: words.Questions.FirstOrDefault(w => w.Id == x.q!.Id) ?? x.q!))
                .Select(x => new QuestionView(x.q.Id, x.q.Type, x.shown.StemHtml, QuizLayout.Shown(x.item, x.q).Select((i, position) => new OptionView(position, x.shown.Options[i].Text)).ToList()))
                .ToList();
            return new Result(courseTitle, moduleTitle, open.Id, open.Number, open.PassMark, standing, questions);
        }
    }
}
