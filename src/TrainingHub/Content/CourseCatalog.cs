namespace TrainingHub.Content;

/// <summary>Every course loaded from content/ at start-up. Immutable: a content change takes a restart.</summary>
public sealed class CourseCatalog(IReadOnlyList<Course> courses, IReadOnlyList<TrainingDomain> domains, IReadOnlyList<FacilitatorGuide>? guides = null,
    IReadOnlyList<LessonTranslation>? translations = null, IReadOnlyList<QuizTranslation>? quizTranslations = null)
{
    private readonly Dictionary<(string CourseId, string ModuleId, string Language), QuizTranslation> _quizTranslations =
        (quizTranslations ?? []).GroupBy(t => (t.CourseId, t.ModuleId, t.Language)).ToDictionary(g => g.Key, g => g.First());

    private readonly Dictionary<(string CourseId, string LessonId, string Language), LessonTranslation> _translations =
        (translations ?? []).GroupBy(t => (t.CourseId, t.LessonId, t.Language)).ToDictionary(g => g.Key, g => g.First());

    private readonly Dictionary<(string CourseId, string LessonId), FacilitatorGuide> _guides =
        (guides ?? []).GroupBy(g => (g.CourseId, g.LessonId)).ToDictionary(g => g.Key, g => g.First());

    private readonly Dictionary<string, Course> _byId = courses.ToDictionary(c => c.Id, StringComparer.Ordinal);

    // Lesson pages look lessons and their neighbours up on every request; the courses never change, so index them once.
    private readonly Dictionary<(string CourseId, string LessonId), (Lesson Lesson, Lesson? Previous, Lesson? Next)> _lessons = IndexLessons(courses);

    public IReadOnlyList<Course> Courses { get; } = courses;
    public IReadOnlyList<TrainingDomain> Domains { get; } = domains;

    public Course? Find(string courseId) => _byId.GetValueOrDefault(courseId);

    /// <summary>The codes of ethics in content/codes/, which trainees read and sign.</summary>
    public IReadOnlyList<CodeOfEthics> Codes { get; init; } = [];

    /// <summary>The case characters of content/cast.yml, with the details the content linter holds lessons to.</summary>
    public IReadOnlyList<CastMember> Cast { get; init; } = [];

    public CodeOfEthics? FindCode(string? codeId) => Codes.FirstOrDefault(c => c.Id == codeId);

    /// <summary>Codes of ethics in other languages (<c>codes/&lt;id&gt;.es.md</c>).</summary>
    public IReadOnlyList<CodeTranslation> CodeTranslations { get; init; } = [];

    /// <summary>The code's words in <paramref name="language"/>, or null; the version a reader signs is always the original's.</summary>
    public CodeTranslation? FindCodeTranslation(string codeId, string language) =>
        CodeTranslations.FirstOrDefault(t => t.CodeId == codeId && t.Language == language);

    /// <summary>Course titles and summaries in other languages (<c>course.es.yml</c>).</summary>
    public IReadOnlyList<CourseTranslation> CourseTranslations { get; init; } = [];

    /// <summary>Module titles and objectives in other languages (<c>module.es.yml</c>).</summary>
    public IReadOnlyList<ModuleTranslation> ModuleTranslations { get; init; } = [];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string CourseId, string Language), Course> _inLanguage = new();

    /// <summary>
    /// The course as a reader of <paramref name="language"/> sees its headings: the course's, its modules' and its lessons'
    /// titles (and the summary and module objectives) from their translations where they exist, the original's words
    /// elsewhere. Ids, hours, domains, quizzes and the content hash are the original's: only for showing, never for records.
    /// </summary>
    public Course InLanguage(Course course, string language) => _inLanguage.GetOrAdd((course.Id, language), _ =>
    {
        var words = CourseTranslations.FirstOrDefault(t => t.CourseId == course.Id && t.Language == language);
        var modules = course.Modules.Select(m =>
        {
            var mw = ModuleTranslations.FirstOrDefault(t => t.CourseId == course.Id && t.ModuleId == m.Id && t.Language == language);
            var lessons = m.Lessons.Select(l => FindTranslation(course.Id, l.Id, language) is { } lw
                ? l with { Title = lw.Title, Objectives = lw.Objectives, Html = lw.Html }
                : l).ToList();
            return m with { Title = mw?.Title ?? m.Title, Objectives = mw?.Objectives ?? m.Objectives, Lessons = lessons };
        }).ToList();
        return course with { Title = words?.Title ?? course.Title, Summary = words?.Summary ?? course.Summary, Modules = modules };
    });

    public Lesson? FindLesson(string courseId, string lessonId) =>
        _lessons.TryGetValue((courseId, lessonId), out var found) ? found.Lesson : null;

    /// <summary>
    /// The facilitator's guide of a live lesson. Only the guide query (which checks the reader's roles) should call this:
    /// guides are for facilitators and institute admins, never trainees.
    /// </summary>
    public FacilitatorGuide? FindGuide(string courseId, string lessonId) => _guides.GetValueOrDefault((courseId, lessonId));

    /// <summary>The lesson's words in <paramref name="language"/> (two letters, e.g. "es"), or null when it has no such translation.</summary>
    public LessonTranslation? FindTranslation(string courseId, string lessonId, string language) =>
        _translations.GetValueOrDefault((courseId, lessonId, language));

    /// <summary>A module quiz's words in <paramref name="language"/>, or null; its keys are the original's (the loader checks).</summary>
    public QuizTranslation? FindQuizTranslation(string courseId, string moduleId, string language) =>
        _quizTranslations.GetValueOrDefault((courseId, moduleId, language));

    /// <summary>The lessons before and after this one in its course, across modules.</summary>
    public (Lesson? Previous, Lesson? Next) Neighbours(Lesson lesson)
    {
        var (_, previous, next) = _lessons[(lesson.CourseId, lesson.Id)];
        return (previous, next);
    }

    public string DomainName(string tag) => Domains.FirstOrDefault(d => d.Tag == tag)?.Name ?? tag;

    private static Dictionary<(string, string), (Lesson, Lesson?, Lesson?)> IndexLessons(IReadOnlyList<Course> courses)
    {
        var index = new Dictionary<(string, string), (Lesson, Lesson?, Lesson?)>();
        foreach (var course in courses)
        {
            var all = course.Lessons.ToList();
            for (var i = 0; i < all.Count; i++)
            {
                // The first lesson with an id wins, as a search in course order would find it.
                index.TryAdd((course.Id, all[i].Id), (all[i], i > 0 ? all[i - 1] : null, i < all.Count - 1 ? all[i + 1] : null));
            }
        }
        return index;
    }
}
