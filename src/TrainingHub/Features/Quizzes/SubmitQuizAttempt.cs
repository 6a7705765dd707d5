using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Quizzes;

/// <summary>Grades an attempt on the server. A repeated or double-clicked submission records one attempt and returns its result.</summary>
public static class SubmitQuizAttempt
{
    public sealed record Command(string PersonId, Guid AttemptId, IReadOnlyDictionary<string, int[]> Answers) : ICommand<Result>, Pipeline.ITransactional;

    /// <summary>The submitted attempt, and whether this pass completed the course (a certificate request is waiting in the outbox).</summary>
    public sealed record Result(Guid AttemptId, bool CourseCompleted);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PersonId).NotEmpty();
            RuleFor(c => c.AttemptId).NotEmpty();
        }
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, TimeProvider clock, AuditTrail audit, CompletionCheck completion, Pipeline.UnitOfWork unitOfWork)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var attempt = await db.QuizAttempts.SingleOrDefaultAsync(a => a.Id == command.AttemptId && a.PersonId == command.PersonId, ct)
                ?? throw new NotFoundException("There is no such quiz attempt.");
            if (attempt.SubmittedAt is not null) return new Result(attempt.Id, false);

            var quiz = catalog.Find(attempt.CourseId)?.Modules.FirstOrDefault(m => m.Id == attempt.ModuleId)?.Quiz
                ?? throw new NotFoundException("This quiz is no longer part of the course.");
            var layout = QuizLayout.FromJson(attempt.Layout);
            var drawn = layout.Items.Select(i => (Item: i, Question: quiz.Questions.FirstOrDefault(q => q.Id == i.QuestionId)))
                .Where(x => x.Question is not null).Select(x => (x.Item, Question: x.Question!)).ToList();
            var questions = drawn.Select(x => x.Question).ToList();

            var failures = new List<ValidationFailure>();
            var answers = new Dictionary<string, IReadOnlySet<int>>(StringComparer.Ordinal);
            for (var n = 0; n < questions.Count; n++)
            {
                var q = questions[n];
                // Answers are places on this attempt's shuffled paper; the key is only ever compared on the server.
                var shown = QuizLayout.Shown(drawn[n].Item, q);
                var places = (command.Answers.GetValueOrDefault(q.Id) ?? []).Distinct().ToHashSet();
                var chosen = places.Where(p => p >= 0 && p < shown.Count).Select(p => shown[p]).ToHashSet();
                if (places.Count == 0 || chosen.Count != places.Count)
                {
                    failures.Add(new ValidationFailure(q.Id, Localization.Words.Current["Question {0} has no answer. Choose an answer before you submit.", n + 1]));
                }
                else if (q.Type != QuestionType.Multiple && chosen.Count > 1)
                {
                    failures.Add(new ValidationFailure(q.Id, Localization.Words.Current["Question {0} takes one answer only.", n + 1]));
                }
                answers[q.Id] = chosen;
            }
            if (failures.Count > 0) throw new ValidationException(failures);

            var graded = QuizGrading.Grade(
                questions.Select(q => new QuizGrading.Question(q.Id, q.Options.Select((o, i) => (o, i)).Where(x => x.o.Correct).Select(x => x.i).ToHashSet())).ToList(),
                answers, attempt.PassMark);
            attempt.Answers = QuizAnswers.ToJson(answers.ToDictionary(a => a.Key, a => a.Value.Order().ToArray()));
            attempt.SubmittedAt = clock.GetUtcNow().UtcDateTime;
            attempt.ScorePercent = graded.ScorePercent;
            attempt.Passed = graded.Passed;
            attempt.OpenKey = attempt.Id.ToString("N");
            audit.Record(command.PersonId, AuditActions.QuizSubmitted, $"quiz-attempt/{attempt.Id}",
                $"{attempt.CourseId}/{attempt.ModuleId} attempt {attempt.Number}: {graded.ScorePercent}% ({(graded.Passed ? "passed" : "not passed")})");
            try
            {
                // Saved here rather than by the pipeline, to answer a lost race: the unit of work still decides completion.
                await unitOfWork.SaveAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A double click submitted the same attempt a moment earlier; that submission stands.
                db.ChangeTracker.Clear();
                return new Result(attempt.Id, false);
            }
            return new Result(attempt.Id, completion.Completed.Count > 0);
        }
    }
}
