using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Quizzes;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Quizzes;

/// <summary>For a cohort's facilitator: each trainee's standing on each module quiz, to see who needs their attempts reset.</summary>
public static class CohortQuizStandings
{
    public sealed record Query(string ActorId, Guid CohortId) : IQuery<Result>;

    public sealed record Standing(string ModuleId, string ModuleTitle, QuizStanding Quiz);

    public sealed record Trainee(string PersonId, string FullName, IReadOnlyList<Standing> Quizzes);

    public sealed record Result(Guid CohortId, string CohortName, string CourseId, string CourseTitle, IReadOnlyList<Trainee> Trainees);

    public sealed class Handler(TrainingHubDb db, CohortAccess access, CourseCatalog catalog, IOptions<LearningRecordOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var cohort = await access.RequireCohortAsync(query.ActorId, query.CohortId, ct);
            var course = catalog.Find(cohort.CourseId) ?? throw new NotFoundException("This cohort's course is no longer offered.");
            var people = await (from e in db.Enrollments.AsNoTracking()
                                join p in db.Users.AsNoTracking() on e.PersonId equals p.Id
                                where e.CohortId == cohort.Id
                                orderby p.FullName
                                select new { p.Id, p.FullName }).ToListAsync(ct);
            var trainees = new List<Trainee>();
            foreach (var p in people)
            {
                var standings = new List<Standing>();
                foreach (var m in course.Modules.Where(m => m.Quiz is not null))
                {
                    standings.Add(new Standing(m.Id, m.Title, await QuizStandingQuery.ForAsync(db, p.Id, course.Id, m.Id, options.Value.QuizAttemptLimit, ct)));
                }
                trainees.Add(new Trainee(p.Id, p.FullName, standings));
            }
            return new Result(cohort.Id, cohort.Name, course.Id, course.Title, trainees);
        }
    }
}
