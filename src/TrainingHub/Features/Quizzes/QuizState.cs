using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Quizzes;

/// <summary>The shuffled questions of one attempt: question ids and each one's option order (indexes into the content).</summary>
public sealed record QuizLayout(IReadOnlyList<QuizLayout.Item> Items)
{
    public sealed record Item(string QuestionId, IReadOnlyList<int> OptionOrder);

    public string ToJson() => JsonSerializer.Serialize(Items);

    public static QuizLayout FromJson(string json) => new(JsonSerializer.Deserialize<List<Item>>(json) ?? []);

    /// <summary>The course file's option numbers in the order this attempt shows them; a submitted value is a place in this list.</summary>
    public static IReadOnlyList<int> Shown(Item item, QuizQuestion question) => item.OptionOrder.Where(i => i < question.Options.Count).ToList();

    public static QuizLayout Draw(Quiz quiz, Random random)
    {
        var questions = quiz.Questions.ToArray();
        random.Shuffle(questions);
        var drawn = questions.Take(quiz.Draw ?? questions.Length);
        return new QuizLayout(drawn.Select(q =>
        {
            var order = Enumerable.Range(0, q.Options.Count).ToArray();
            // True/false keeps its natural order; shuffling it only confuses.
            if (q.Type != QuestionType.TrueFalse) random.Shuffle(order);
            return new Item(q.Id, order);
        }).ToList());
    }
}

public static class QuizAnswers
{
    public static string ToJson(IReadOnlyDictionary<string, int[]> answers) => JsonSerializer.Serialize(answers);

    public static Dictionary<string, int[]> FromJson(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, int[]>>(json) ?? [];
}

/// <summary>Where a person stands on one module's quiz.</summary>
public sealed record QuizStanding(int Limit, int UsedSinceReset, int AttemptsLeft, bool Passed, int? BestScore, Guid? OpenAttemptId, Guid? LastSubmittedAttemptId);

public static class QuizStandingQuery
{
    /// <summary>What a standing is computed from: one attempt, without its questions and answers.</summary>
    public sealed record AttemptRow(string CourseId, string ModuleId, Guid Id, DateTime? SubmittedAt, int? ScorePercent, bool? Passed, string OpenKey);

    private sealed record ResetRow(string CourseId, string ModuleId, DateTime ResetAt);

    public static async Task<QuizStanding> ForAsync(TrainingHubDb db, string personId, string courseId, string moduleId, int limit, CancellationToken ct)
    {
        var lastReset = await db.QuizResets.AsNoTracking()
            .Where(r => r.PersonId == personId && r.CourseId == courseId && r.ModuleId == moduleId)
            .OrderByDescending(r => r.ResetAt).Select(r => (DateTime?)r.ResetAt).FirstOrDefaultAsync(ct);
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.PersonId == personId && a.CourseId == courseId && a.ModuleId == moduleId)
            .Select(a => new AttemptRow(a.CourseId, a.ModuleId, a.Id, a.SubmittedAt, a.ScorePercent, a.Passed, a.OpenKey)).ToListAsync(ct);
        return From(limit, lastReset, attempts);
    }

    /// <summary>
    /// Every quiz standing of a person in <paramref name="courseIds"/> in two queries (not two per module, as
    /// <see cref="ForAsync"/> asked on the home page). A module they never tried is missing: ask <see cref="Untried"/>.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string CourseId, string ModuleId), QuizStanding>> ForPersonAsync(
        TrainingHubDb db, string personId, IReadOnlyCollection<string> courseIds, int limit, CancellationToken ct)
    {
        var lastResets = new Dictionary<(string, string), DateTime?>();
        await foreach (var r in ResetsOf(db, personId).WithCancellation(ct))
        {
            if (!courseIds.Contains(r.CourseId)) continue;
            var key = (r.CourseId, r.ModuleId);
            if (lastResets.GetValueOrDefault(key) is not { } at || r.ResetAt > at) lastResets[key] = r.ResetAt;
        }
        var attempts = new List<AttemptRow>();
        await foreach (var a in AttemptsOf(db, personId).WithCancellation(ct))
        {
            if (courseIds.Contains(a.CourseId)) attempts.Add(a);
        }
        return attempts.GroupBy(a => (a.CourseId, a.ModuleId))
            .ToDictionary(g => g.Key, g => From(limit, lastResets.GetValueOrDefault(g.Key), g.ToList()));
    }

    // Compiled: the trainee's home and every course page ask these.
    private static readonly Func<TrainingHubDb, string, IAsyncEnumerable<ResetRow>> ResetsOf =
        EF.CompileAsyncQuery((TrainingHubDb db, string personId) =>
            db.QuizResets.AsNoTracking().Where(r => r.PersonId == personId).Select(r => new ResetRow(r.CourseId, r.ModuleId, r.ResetAt)));

    private static readonly Func<TrainingHubDb, string, IAsyncEnumerable<AttemptRow>> AttemptsOf =
        EF.CompileAsyncQuery((TrainingHubDb db, string personId) =>
            db.QuizAttempts.AsNoTracking().Where(a => a.PersonId == personId)
                .Select(a => new AttemptRow(a.CourseId, a.ModuleId, a.Id, a.SubmittedAt, a.ScorePercent, a.Passed, a.OpenKey)));

    /// <summary>The standing of a quiz with no attempts.</summary>
    public static QuizStanding Untried(int limit) => From(limit, null, []);

    private static QuizStanding From(int limit, DateTime? lastReset, IReadOnlyList<AttemptRow> attempts)
    {
        var submitted = attempts.Where(a => a.SubmittedAt is not null).ToList();
        var used = submitted.Count(a => lastReset is null || a.SubmittedAt > lastReset);
        return new QuizStanding(limit, used, QuizGrading.AttemptsLeft(limit, used), submitted.Any(a => a.Passed == true),
            submitted.Max(a => a.ScorePercent),
            attempts.FirstOrDefault(a => a.OpenKey == QuizAttemptKeys.Open)?.Id,
            submitted.OrderByDescending(a => a.SubmittedAt).FirstOrDefault()?.Id);
    }
}

public static class QuizAttemptKeys
{
    public const string Open = "open";
}
