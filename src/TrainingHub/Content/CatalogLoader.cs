using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TrainingHub.Content;

/// <summary>
/// Loads content/ into a <see cref="CourseCatalog"/>. Structure problems stop start-up; editorial problems
/// (length, language, realistic hours) are reported too, and fail the content linter.
/// </summary>
public static partial class CatalogLoader
{
    public const int MinimumLessonWords = 300;
    public const int MinimumQuizQuestions = 6;
    public const int DefaultPassMark = 80;
    public const int MinimumWordsPerReadingMinute = 60;
    public const int MaximumWordsPerReadingMinute = 250;
    public const int MinimumActivityMinutes = 5;

    public sealed record Result(CourseCatalog Catalog, IReadOnlyList<ContentProblem> Problems)
    {
        public IEnumerable<ContentProblem> StructureProblems => Problems.Where(p => p.Kind == ProblemKind.Structure);
    }

    /// <summary>Loads and throws <see cref="ContentException"/> when the content cannot be loaded as it is.</summary>
    public static CourseCatalog LoadOrThrow(string contentRoot)
    {
        var result = Load(contentRoot);
        var fatal = result.StructureProblems.ToList();
        if (fatal.Count > 0) throw new ContentException(fatal);
        return result.Catalog;
    }

    public static Result Load(string contentRoot)
    {
        var problems = new List<ContentProblem>();
        var root = Path.GetFullPath(contentRoot);
        if (!Directory.Exists(Path.Combine(root, "courses")))
        {
            problems.Add(new ContentProblem(Path.Combine(root, "courses"), 1, ProblemKind.Structure, "the courses folder does not exist"));
            return new Result(new CourseCatalog([], []), problems);
        }

        var context = new LoadContext(root, problems);
        var domains = LoadDomains(context);
        context.DomainTags = domains.Select(d => d.Tag).ToHashSet(StringComparer.Ordinal);
        context.Language = LanguageRules.Load(Path.Combine(root, "language.yml"), context);
        context.Skills = LoadSkills(context);
        context.Cast = CastRules.Load(Path.Combine(root, CastRules.FileName), context);

        var courses = new List<Course>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "courses")).Order(StringComparer.Ordinal))
        {
            var course = LoadCourse(dir, context);
            if (course is not null) courses.Add(course);
        }
        CheckSkillLessons(context, courses);
        var codes = CodeOfEthicsParser.LoadAll(context);
        return new Result(new CourseCatalog(courses, domains, context.Guides, context.Translations, context.QuizTranslations)
        {
            Codes = codes,
            CodeTranslations = context.CodeTranslations,
            CourseTranslations = context.CourseTranslations,
            ModuleTranslations = context.ModuleTranslations,
            Cast = context.Cast.Members,
        }, problems);
    }

    internal sealed class LoadContext(string root, List<ContentProblem> problems)
    {
        public string Root { get; } = root;
        public List<ContentProblem> Problems { get; } = problems;
        public HashSet<string> DomainTags { get; set; } = [];
        public IReadOnlyCollection<string>? CodeIds { get; set; }
        public LanguageRules Language { get; set; } = LanguageRules.None;
        public CastRules Cast { get; set; } = CastRules.None;
        public Dictionary<string, string> LessonIds { get; } = new(StringComparer.Ordinal);
        public IReadOnlyList<ObservedSkill> Skills { get; set; } = [];
        public List<FacilitatorGuide> Guides { get; } = [];
        public List<LessonTranslation> Translations { get; } = [];
        public List<QuizTranslation> QuizTranslations { get; } = [];
        public List<CourseTranslation> CourseTranslations { get; } = [];
        public List<ModuleTranslation> ModuleTranslations { get; } = [];
        public List<CodeTranslation> CodeTranslations { get; } = [];

        public string Relative(string path) => Path.GetRelativePath(Path.GetDirectoryName(Root)!, path).Replace('\\', '/');

        public void Add(string path, int line, ProblemKind kind, string message) =>
            Problems.Add(new ContentProblem(Relative(path), line, kind, message));
    }

    private static List<TrainingDomain> LoadDomains(LoadContext ctx)
    {
        var path = Path.Combine(ctx.Root, "domains.yml");
        var result = new List<TrainingDomain>();
        if (!File.Exists(path))
        {
            ctx.Add(path, 1, ProblemKind.Structure, "domains.yml is missing: it lists the domain tags lessons may carry");
            return result;
        }
        var yaml = new YamlFile(ctx.Relative(path), File.ReadAllText(path), 0, ctx.Problems);
        if (yaml.Root is not YamlSequenceNode seq)
        {
            if (yaml.Root is not null) yaml.ProblemAt(yaml.Root, "domains.yml must be a list of domains");
            return result;
        }
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode m) { yaml.ProblemAt(item, "each domain needs 'tag' and 'name'"); continue; }
            yaml.AllowOnly(m, "tag", "name", "description");
            var tag = yaml.String(m, "tag", true);
            var name = yaml.String(m, "name", true);
            if (tag is null || name is null) continue;
            if (!SlugPattern().IsMatch(tag)) yaml.ProblemAt(m, $"domain tag '{tag}' must use lowercase letters, digits and dashes");
            if (result.Any(d => d.Tag == tag)) yaml.ProblemAt(m, $"domain tag '{tag}' is listed twice");
            result.Add(new TrainingDomain(tag, name, yaml.String(m, "description", false) ?? ""));
        }
        return result;
    }

    public const string SkillsFile = "skills.yml";

    /// <summary>content/skills.yml (optional): the skills a facilitator observes, and the live lessons whose guide must check them.</summary>
    private static List<ObservedSkill> LoadSkills(LoadContext ctx)
    {
        var path = Path.Combine(ctx.Root, SkillsFile);
        var result = new List<ObservedSkill>();
        if (!File.Exists(path)) return result;
        var yaml = new YamlFile(ctx.Relative(path), File.ReadAllText(path), 0, ctx.Problems);
        if (yaml.Root is not YamlSequenceNode seq)
        {
            if (yaml.Root is not null) yaml.ProblemAt(yaml.Root, $"{SkillsFile} must be a list of skills");
            return result;
        }
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode m) { yaml.ProblemAt(item, "each skill needs 'id', 'name' and 'lessons'"); continue; }
            yaml.AllowOnly(m, "id", "name", "lessons");
            var id = yaml.String(m, "id", true);
            var name = yaml.String(m, "name", true);
            var lessons = yaml.StringList(m, "lessons", true);
            if (id is null || name is null) continue;
            if (result.Any(s => s.Id == id)) yaml.ProblemAt(m, $"skill '{id}' is listed twice");
            result.Add(new ObservedSkill(id, name, lessons));
        }
        return result;
    }

    private static void CheckSkillLessons(LoadContext ctx, List<Course> courses)
    {
        var live = courses.SelectMany(c => c.Lessons).Where(l => l.Delivery == LessonDelivery.Live).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var skill in ctx.Skills)
        {
            foreach (var id in skill.LessonIds.Where(id => !live.Contains(id)))
            {
                ctx.Add(Path.Combine(ctx.Root, SkillsFile), 1, ProblemKind.Editorial, $"skill '{skill.Id}' names lesson '{id}', which is not a live lesson of any course");
            }
        }
    }

    private static Course? LoadCourse(string dir, LoadContext ctx)
    {
        var folder = Path.GetFileName(dir);
        var path = Path.Combine(dir, "course.yml");
        if (!File.Exists(path))
        {
            ctx.Add(path, 1, ProblemKind.Structure, "course.yml is missing");
            return null;
        }
        var text = File.ReadAllText(path);
        var yaml = new YamlFile(ctx.Relative(path), text, 0, ctx.Problems);
        var map = yaml.RootMapping("course.yml");
        if (map is null) return null;
        yaml.AllowOnly(map, "id", "title", "version", "hours", "summary", "published", "passMark", "references");

        var id = yaml.String(map, "id", true);
        if (id is not null && id != folder) yaml.ProblemAt(yaml.Node(map, "id")!, $"'id' is '{id}' but the folder is '{folder}': they must be the same");
        if (id is not null && !SlugPattern().IsMatch(id)) yaml.ProblemAt(yaml.Node(map, "id")!, "'id' must use lowercase letters, digits and dashes");
        var title = yaml.String(map, "title", true);
        var version = yaml.String(map, "version", true);
        var hours = yaml.Decimal(map, "hours", true);
        CheckHours(yaml, map, hours);
        var summary = yaml.String(map, "summary", true) ?? "";
        var published = yaml.Bool(map, "published") ?? false;
        var passMark = yaml.Int(map, "passMark", false) ?? DefaultPassMark;
        CheckPassMark(yaml, map, passMark);

        var references = References(yaml, map, "the course");
        ctx.Language.Check(yaml.File, text, ctx);
        // Like lesson translations, these lend words only and are not part of the course's content hash.
        foreach (var (file, language) in TranslationParser.YamlBeside(dir, "course"))
        {
            if (TranslationParser.ParseCourse(ctx, file, language, id ?? folder, text) is { } words) ctx.CourseTranslations.Add(words);
        }

        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AddToHash(hash, "course.yml", text);

        var modules = new List<Module>();
        var moduleDirs = Directory.GetDirectories(dir).Order(StringComparer.Ordinal).ToList();
        foreach (var moduleDir in moduleDirs)
        {
            var name = Path.GetFileName(moduleDir);
            if (!NumberedSlugPattern().IsMatch(name))
            {
                ctx.Add(moduleDir, 1, ProblemKind.Structure, $"module folder '{name}' must be named like '01-short-title'");
                continue;
            }
            var module = LoadModule(moduleDir, id ?? folder, passMark, ctx, hash);
            if (module is not null) modules.Add(module);
        }
        if (modules.Count == 0) yaml.Problem(1, "the course has no modules (folders named like '01-short-title')");

        var moduleSum = modules.Sum(m => m.Hours);
        if (hours is not null && modules.Count > 0 && moduleSum != hours)
        {
            yaml.ProblemAt(yaml.Node(map, "hours")!, $"the course says {Fmt(hours.Value)} hours but its modules add up to {Fmt(moduleSum)}");
        }
        if (id is null || title is null || version is null || hours is null) return null;
        return new Course(id, title, version, hours.Value, summary, published, passMark, references, modules, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static Module? LoadModule(string dir, string courseId, int coursePassMark, LoadContext ctx, IncrementalHash courseHash)
    {
        var path = Path.Combine(dir, "module.yml");
        var moduleId = Path.GetFileName(dir);
        if (!File.Exists(path))
        {
            ctx.Add(path, 1, ProblemKind.Structure, "module.yml is missing");
            return null;
        }
        var text = File.ReadAllText(path);
        var yaml = new YamlFile(ctx.Relative(path), text, 0, ctx.Problems);
        var map = yaml.RootMapping("module.yml");
        if (map is null) return null;
        yaml.AllowOnly(map, "title", "hours", "objectives");
        var title = yaml.String(map, "title", true);
        var hours = yaml.Decimal(map, "hours", true);
        CheckHours(yaml, map, hours);
        var objectives = yaml.StringList(map, "objectives", true);
        ctx.Language.Check(yaml.File, text, ctx);
        AddToHash(courseHash, moduleId + "/module.yml", text);
        foreach (var (file, language) in TranslationParser.YamlBeside(dir, "module"))
        {
            if (TranslationParser.ParseModule(ctx, file, language, courseId, moduleId, text, objectives.Count) is { } words) ctx.ModuleTranslations.Add(words);
        }

        var lessons = new List<Lesson>();
        var lessonFiles = new Dictionary<string, GuideParser.LessonFile>(StringComparer.Ordinal);
        var guideFiles = new List<string>();
        var translationFiles = new List<string>();
        var originals = new Dictionary<string, (Lesson Lesson, string Text)>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(dir, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name == "quiz.md") continue;
            if (name.EndsWith(GuideParser.Suffix, StringComparison.Ordinal)) { guideFiles.Add(file); continue; }
            if (TranslationParser.Split(name) is not null) { translationFiles.Add(file); continue; }
            if (!NumberedSlugPattern().IsMatch(Path.GetFileNameWithoutExtension(name)))
            {
                ctx.Add(file, 1, ProblemKind.Structure, $"lesson file '{name}' must be named like '01-short-title.md'");
                continue;
            }
            var lessonText = File.ReadAllText(file);
            AddToHash(courseHash, moduleId + "/" + name, lessonText);
            var lesson = LessonParser.Parse(ctx, file, lessonText, courseId, moduleId);
            if (lesson is null) continue;
            lessons.Add(lesson);
            lessonFiles.TryAdd(lesson.Id, new GuideParser.LessonFile(lesson, file));
            originals[name] = (lesson, lessonText);
        }
        var quizTranslationFiles = translationFiles.Where(f => Path.GetFileName(f).StartsWith("quiz.", StringComparison.Ordinal)).ToList();
        LoadTranslations(translationFiles.Except(quizTranslationFiles).ToList(), originals, ctx);
        LoadGuides(guideFiles, lessonFiles, courseId, ctx);
        if (lessons.Count == 0) yaml.Problem(1, "the module has no lessons (files named like '01-short-title.md')");
        var lessonSum = lessons.Sum(l => l.Hours);
        if (hours is not null && lessons.Count > 0 && lessonSum != hours)
        {
            yaml.ProblemAt(yaml.Node(map, "hours")!, $"the module says {Fmt(hours.Value)} hours but its lessons add up to {Fmt(lessonSum)}");
        }

        Quiz? quiz = null;
        var quizPath = Path.Combine(dir, "quiz.md");
        if (File.Exists(quizPath))
        {
            var quizText = File.ReadAllText(quizPath);
            AddToHash(courseHash, moduleId + "/quiz.md", quizText);
            quiz = QuizParser.Parse(ctx, quizPath, quizText, coursePassMark);
            foreach (var file in quizTranslationFiles)
            {
                if (quiz is null) break;
                var translation = TranslationParser.ParseQuiz(ctx, file, File.ReadAllText(file), TranslationParser.Split(Path.GetFileName(file))!.Value.Language,
                    courseId, moduleId, quiz, Sha256(quizText), coursePassMark);
                if (translation is not null) ctx.QuizTranslations.Add(translation);
            }
        }
        else
        {
            foreach (var file in quizTranslationFiles) ctx.Add(file, 1, ProblemKind.Structure, $"'{Path.GetFileName(file)}' translates quiz.md, but the module has no quiz.md");
            ctx.Add(quizPath, 1, ProblemKind.Editorial, "the module has no quiz.md");
        }
        if (title is null || hours is null) return null;
        return new Module(moduleId, title, hours.Value, objectives, lessons, quiz);
    }

    // Translations are not part of the course's content hash either: the course a certificate names is the original,
    // and a translation must match it (the parser checks) rather than change it.
    private static void LoadTranslations(List<string> files, Dictionary<string, (Lesson Lesson, string Text)> originals, LoadContext ctx)
    {
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var (baseName, language) = TranslationParser.Split(name)!.Value;
            if (!originals.TryGetValue(baseName, out var original))
            {
                ctx.Add(file, 1, ProblemKind.Structure, $"'{name}' looks like a translation of '{baseName}', but there is no such lesson next to it");
                continue;
            }
            var translation = TranslationParser.Parse(ctx, file, File.ReadAllText(file), language, original.Lesson, original.Text);
            if (translation is not null) ctx.Translations.Add(translation);
        }
    }

    // Guides are not part of the course's content hash: they are the facilitator's notes, and editing them changes
    // nothing a trainee studied or a certificate states.
    private static void LoadGuides(List<string> guideFiles, Dictionary<string, GuideParser.LessonFile> lessons, string courseId, LoadContext ctx)
    {
        var guides = new List<(FacilitatorGuide Guide, string File)>();
        foreach (var file in guideFiles)
        {
            var guide = GuideParser.Parse(ctx, file, File.ReadAllText(file), courseId, lessons);
            if (guide is not null) guides.Add((guide, file));
        }
        foreach (var (id, lesson) in lessons.Where(l => l.Value.Lesson.Delivery == LessonDelivery.Live))
        {
            var mine = guides.Where(g => g.Guide.LessonId == id).ToList();
            if (mine.Count == 0)
            {
                ctx.Add(lesson.Path, 1, ProblemKind.Editorial,
                    $"the live lesson has no facilitator's guide: add {Path.GetFileNameWithoutExtension(lesson.Path)}{GuideParser.Suffix} next to it");
            }
            foreach (var extra in mine.Skip(1))
            {
                ctx.Add(extra.File, 1, ProblemKind.Editorial, $"lesson '{id}' already has a guide ({ctx.Relative(mine[0].File)}): a live lesson has exactly one");
            }
            if (mine.Count > 0) ctx.Guides.Add(mine[0].Guide);
        }
    }

    /// <summary>A file's 'references' list (title and full web address each); an empty list is an editorial problem.</summary>
    internal static List<CourseReference> References(YamlFile yaml, YamlMappingNode map, string what)
    {
        var references = new List<CourseReference>();
        foreach (var r in yaml.MappingList(map, "references", false))
        {
            yaml.AllowOnly(r, "title", "url");
            var rt = yaml.String(r, "title", true);
            var ru = yaml.String(r, "url", true);
            if (ru is not null && !Uri.TryCreate(ru, UriKind.Absolute, out _)) yaml.ProblemAt(r, $"reference address '{ru}' is not a full web address");
            if (rt is not null && ru is not null) references.Add(new CourseReference(rt, ru));
        }
        if (references.Count == 0) yaml.Problem(yaml.LineOf(map), $"{what} lists no references to the public sources of its facts", ProblemKind.Editorial);
        return references;
    }

    internal static void CheckHours(YamlFile yaml, YamlMappingNode map, decimal? hours)
    {
        if (hours is null) return;
        if (hours <= 0 || hours % 0.25m != 0)
        {
            yaml.ProblemAt(yaml.Node(map, "hours")!, $"'hours' must be a positive number of quarter hours (0.25, 0.5, 0.75, 1 ...), not {Fmt(hours.Value)}");
        }
    }

    internal static void CheckPassMark(YamlFile yaml, YamlMappingNode map, int passMark)
    {
        if (passMark is < 1 or > 100) yaml.ProblemAt(yaml.Node(map, "passMark")!, $"'passMark' is a percentage from 1 to 100, not {passMark}");
    }

    internal static string Fmt(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(text))));

    private static void AddToHash(IncrementalHash hash, string name, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(name + "\n" + Sha256(text) + "\n"));
    }

    internal static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex SlugPattern();

    [GeneratedRegex("^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NumberedSlugPattern();
}
