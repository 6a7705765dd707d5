using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Quizzes;

/// <summary>A submitted attempt's score; the rationales only when the review policy allows.</summary>
public static class GetQuizResult
{
    public sealed record Query(string PersonId, Guid AttemptId) : IQuery<Result>;

    public sealed record OptionReview(string Text, bool Chosen, bool Correct, string Rationale);

    public sealed record QuestionReview(string StemHtml, bool AnsweredRight, IReadOnlyList<OptionReview> Options);

    public sealed record Result(string CourseId, string CourseTitle, string ModuleId, string ModuleTitle, int Number, int ScorePercent, int PassMark,
        bool Passed, QuizStanding Standing, bool ReviewShown, IReadOnlyList<QuestionReview> Review);

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, IOptions<LearningRecordOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var attempt = await db.QuizAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.AttemptId && a.PersonId == query.PersonId && a.SubmittedAt != null, ct)
                ?? throw new NotFoundException("There is no such quiz result.");
            var course = catalog.Find(attempt.CourseId) ?? throw new NotFoundException("This course is no longer offered.");
            var module = course.Modules.FirstOrDefault(m => m.Id == attempt.ModuleId) ?? throw new NotFoundException("This quiz is no longer part of the course.");
            var standing = await QuizStandingQuery.ForAsync(db, query.PersonId, course.Id, module.Id, options.Value.QuizAttemptLimit, ct);
            var reviewShown = QuizGrading.MayReview(options.Value.QuizReview, attempt.Passed == true, standing.AttemptsLeft);
            var review = new List<QuestionReview>();
            if (reviewShown && module.Quiz is { } quiz)
            {
                var answers = QuizAnswers.FromJson(attempt.Answers);
                foreach (var item in QuizLayout.FromJson(attempt.Layout).Items)
                {
                    var q = quiz.Questions.FirstOrDefault(x => x.Id == item.QuestionId);
                    if (q is null) continue;
                    var chosen = answers.GetValueOrDefault(q.Id) ?? [];
                    var options2 = item.OptionOrder.Where(i => i < q.Options.Count)
                        .Select(i => new OptionReview(q.Options[i].Text, chosen.Contains(i), q.Options[i].Correct, q.Options[i].Rationale)).ToList();
                    review.Add(new QuestionReview(q.StemHtml, options2.All(o => o.Chosen == o.Correct), options2));
                }
            }
            return new Result(course.Id, course.Title, module.Id, module.Title, attempt.Number, attempt.ScorePercent ?? 0, attempt.PassMark,
                attempt.Passed == true, standing, reviewShown, review);
        }
    }
}
