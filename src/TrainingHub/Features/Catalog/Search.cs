using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Catalog;

/// <summary>
/// One search box: the courses' lessons (title and text) for everyone signed in, and for site staff the people of their
/// own sites by name or e-mail (every site for an institute admin). People are searched in the database with a bounded
/// result; lessons in memory (<see cref="LessonSearchIndex"/>).
/// </summary>
public static class Search
{
    public const int MaxLength = 100;
    public const int MaxResults = 20;

    /// <param name="Language">The reader's language (two letters): lessons are searched as they read them.</param>
    public sealed record Query(string PersonId, string? Text, string Language = "en") : IQuery<Result>;

    /// <param name="Language">The language of the title and snippet: the reader's where the lesson is translated, else "en".</param>
    public sealed record LessonHit(string CourseId, string CourseTitle, string LessonId, string LessonTitle, string Snippet, string Language);

    public sealed record PersonHit(Guid SiteId, string SiteName, string PersonId, string FullName, string Email);

    /// <param name="SearchedPeople">The person is staff somewhere, so people were searched too.</param>
    /// <param name="MorePeople">More people matched than are shown: the words should be more precise.</param>
    public sealed record Result(string Text, IReadOnlyList<LessonHit> Lessons, bool SearchedPeople, IReadOnlyList<PersonHit> People, bool MorePeople);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.PersonId).NotEmpty();
            RuleFor(q => q.Text).Must(t => !string.IsNullOrWhiteSpace(t))
                .WithMessage("Type a word or two to search for, such as a lesson's title or a person's name.");
            RuleFor(q => q.Text).Must(t => t is null || t.Trim().Length <= MaxLength)
                .WithMessage($"Search for at most {MaxLength} characters: a word or two is enough.");
        }
    }

    public sealed class Handler(LessonSearchIndex lessons, TrainingHubDb db, SiteScope scope) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var text = query.Text!.Trim();
            // Only the site's languages: the index keeps one list per language asked for, so the set must stay bounded.
            var language = Accounts.SiteLanguages.IsSupported(query.Language) ? query.Language : "en";
            var lessonHits = lessons.Find(text, MaxResults, language)
                .Select(h => new LessonHit(h.Course.Id, h.Course.Title, h.Lesson.Id, h.Lesson.Title, h.Snippet, h.Language)).ToList();
            var sites = await scope.SitesAsync(query.PersonId, SiteScope.StaffRoles, ct);
            if (sites.Count == 0) return new Result(text, lessonHits, false, [], false);

            // Upper on both sides, so the match ignores case on SQLite and PostgreSQL alike (NormalizedEmail is upper already).
            var term = text.ToUpperInvariant();
            var people = await (from m in db.SiteMemberships.AsNoTracking()
                                join p in db.Users.AsNoTracking() on m.PersonId equals p.Id
                                join s in db.Sites.AsNoTracking() on m.SiteId equals s.Id
                                where sites.Contains(m.SiteId)
                                      && (p.FullName.ToUpper().Contains(term) || p.FullName.Contains(text) || p.NormalizedEmail!.Contains(term))
                                select new { m.SiteId, SiteName = s.Name, p.Id, p.FullName, p.Email })
                .Distinct().OrderBy(x => x.FullName).ThenBy(x => x.SiteName).Take(MaxResults + 1).ToListAsync(ct);
            return new Result(text, lessonHits, true,
                people.Take(MaxResults).Select(x => new PersonHit(x.SiteId, x.SiteName, x.Id, x.FullName, x.Email ?? "")).ToList(),
                people.Count > MaxResults);
        }
    }
}
