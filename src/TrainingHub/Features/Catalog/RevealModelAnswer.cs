using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Catalog;

/// <summary>
/// A self-paced lesson's model answer, given only once the trainee has written their own attempt or chosen to skip. The
/// attempt is shown back beside the model answer and never stored: it is the trainee's own reflection.
/// </summary>
public static class RevealModelAnswer
{
    public const int AttemptMaxLength = 4000;

    public sealed record Query(string CourseId, string LessonId, string? Attempt, bool Skip) : IQuery<Result>;

    public sealed record Result(string ModelAnswerHtml, string? Attempt);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Attempt).Must((q, attempt) => q.Skip || !string.IsNullOrWhiteSpace(attempt))
                .WithMessage("Write your own answer first, or choose to skip and see the model answer.")
                .MaximumLength(AttemptMaxLength).WithMessage("Keep your answer to {MaxLength} characters.");
        }
    }

    public sealed class Handler(CourseCatalog catalog) : IQueryHandler<Query, Result>
    {
        public ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var lesson = catalog.FindLesson(query.CourseId, query.LessonId) ?? throw new NotFoundException("There is no lesson at this address.");
            var html = lesson.ModelAnswerHtml ?? throw new NotFoundException("This lesson has no model answer.");
            return ValueTask.FromResult(new Result(html, query.Skip || string.IsNullOrWhiteSpace(query.Attempt) ? null : query.Attempt.Trim()));
        }
    }
}
