namespace TrainingHub.Content;

public enum LessonDelivery { Live, SelfPaced }

public enum QuestionType { Single, Multiple, TrueFalse }

public enum AgendaActivity { Opening, Teaching, Discussion, RolePlay, CaseStudy, Closing }

public sealed record CourseReference(string Title, string Url);

public sealed record TrainingDomain(string Tag, string Name, string Description);

public sealed record AgendaItem(int Minutes, AgendaActivity Activity, string Title);

/// <summary>The hours of a lesson that count toward one of our domain tags.</summary>
public sealed record DomainPart(string Tag, decimal Hours);

public sealed record SelfPacedTime(int Reading, int Activity, int Reflection);

public sealed record Course(
    string Id,
    string Title,
    string Version,
    decimal Hours,
    string Summary,
    bool Published,
    int PassMark,
    IReadOnlyList<CourseReference> References,
    IReadOnlyList<Module> Modules,
    string ContentHash)
{
    public IEnumerable<Lesson> Lessons => Modules.SelectMany(m => m.Lessons);
}

public sealed record Module(
    string Id,
    string Title,
    decimal Hours,
    IReadOnlyList<string> Objectives,
    IReadOnlyList<Lesson> Lessons,
    Quiz? Quiz);

public sealed record Lesson(
    string Id,
    string CourseId,
    string ModuleId,
    string Title,
    decimal Hours,
    LessonDelivery Delivery,
    IReadOnlyList<string> Objectives,
    IReadOnlyList<string> Domains,
    IReadOnlyList<AgendaItem> Agenda,
    SelfPacedTime? Time,
    string Html,
    int WordCount,
    string ContentHash)
{
    public string PrimaryDomain => Domains[0];

    /// <summary>The participant text's Flesch-Kincaid measure (<see cref="Content.ReadingLevel"/>).</summary>
    public ReadingLevel.Measure? Reading { get; init; }

    /// <summary>
    /// A self-paced lesson's model answer (its <c>## Model answer</c> section), kept out of <see cref="Html"/>: the page
    /// shows it only after the trainee has written their own attempt or chosen to skip.
    /// </summary>
    public string? ModelAnswerHtml { get; init; }

    /// <summary>The lesson's hours by domain, adding up to <see cref="Hours"/>: all to the first tag unless the lesson splits them.</summary>
    public IReadOnlyList<DomainPart> DomainHours
    {
        get => split ?? [new DomainPart(PrimaryDomain, Hours)];
        init => split = value;
    }

    private readonly IReadOnlyList<DomainPart>? split;
}

/// <summary>
/// A live lesson's facilitator's guide (<c>NN-lesson.guide.md</c> next to the lesson): timings, teaching points, expected
/// answers and checklists. Kept apart from <see cref="Lesson"/> so nothing that serves a trainee's lesson carries it.
/// </summary>
public sealed record FacilitatorGuide(string LessonId, string CourseId, string Html, IReadOnlyList<GuideTiming> Timings);

/// <summary>
/// A lesson in another language (<c>NN-lesson.es.md</c>): only its words. Hours, domains, delivery, the content hash and
/// every record stay the original's, so nothing a trainee earns depends on the language they read in.
/// </summary>
public sealed record LessonTranslation(string CourseId, string LessonId, string Language, string Title, IReadOnlyList<string> Objectives, string Html);

/// <summary>A module's quiz in another language (<c>quiz.es.md</c>): the same questions, options and keys in the same order,
/// so an attempt is drawn and scored from the original and only shown in these words.</summary>
public sealed record QuizTranslation(string CourseId, string ModuleId, string Language, Quiz Quiz);

/// <summary>A course's title and summary in another language (<c>course.es.yml</c> beside <c>course.yml</c>).</summary>
public sealed record CourseTranslation(string CourseId, string Language, string Title, string Summary);

/// <summary>A module's title and objectives in another language (<c>module.es.yml</c> beside <c>module.yml</c>).</summary>
public sealed record ModuleTranslation(string CourseId, string ModuleId, string Language, string Title, IReadOnlyList<string> Objectives);

/// <summary>
/// A code of ethics in another language (<c>codes/&lt;id&gt;.es.md</c>): only its words. A person who reads it signs the
/// original's version, and the signature keeps the original's hash, so a signature means the same in every language.
/// </summary>
public sealed record CodeTranslation(string CodeId, string Language, string Title, string Summary, string Statement, string Html);

public sealed record GuideTiming(int Minutes, string Text);

/// <summary>A skill a facilitator observes and checks off (content/skills.yml), and the lessons that teach it.</summary>
public sealed record ObservedSkill(string Id, string Name, IReadOnlyList<string> LessonIds);

/// <summary>
/// A code of ethics a trainee reads and signs in the site (content/codes/&lt;id&gt;.md). A signature is of one
/// <see cref="Version"/>; <see cref="ContentHash"/> records exactly which text that version had when it was signed.
/// </summary>
public sealed record CodeOfEthics(
    string Id,
    string Title,
    string Version,
    string Summary,
    string Statement,
    string Html,
    IReadOnlyList<CourseReference> References,
    string ContentHash);

public sealed record Quiz(int PassMark, int? Draw, IReadOnlyList<QuizQuestion> Questions);

public sealed record QuizQuestion(string Id, QuestionType Type, bool Scenario, string StemHtml, IReadOnlyList<QuizOption> Options);

public sealed record QuizOption(string Text, bool Correct, string Rationale);

public enum ProblemKind
{
    /// <summary>The content cannot be loaded as it is: start-up stops.</summary>
    Structure,
    /// <summary>The content loads but breaks an editorial rule (length, language, realistic hours): the linter fails.</summary>
    Editorial,
}

public sealed record ContentProblem(string File, int Line, ProblemKind Kind, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

public sealed class ContentException(IReadOnlyList<ContentProblem> problems)
    : Exception("The course content has problems:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;
}
