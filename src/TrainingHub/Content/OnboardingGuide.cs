using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TrainingHub.Content;

public sealed record OnboardingChoice(string Id, string Name);

public sealed record ChecklistItem(string Id, string Title, string Help, string? Question);

/// <summary>
/// content/onboarding.yml: the programme types and credential boards a site chooses from in its profile, and the
/// readiness checklist it completes before the institute activates it. Loaded once at start-up.
/// </summary>
public sealed partial class OnboardingGuide(IReadOnlyList<OnboardingChoice> programmeTypes, IReadOnlyList<OnboardingChoice> credentialBoards, IReadOnlyList<ChecklistItem> checklist)
{
    public const string FileName = "onboarding.yml";

    public IReadOnlyList<OnboardingChoice> ProgrammeTypes { get; } = programmeTypes;
    public IReadOnlyList<OnboardingChoice> CredentialBoards { get; } = credentialBoards;
    public IReadOnlyList<ChecklistItem> Checklist { get; } = checklist;

    public string ProgrammeTypeName(string? id) => ProgrammeTypes.FirstOrDefault(p => p.Id == id)?.Name ?? id ?? "";

    public string CredentialBoardName(string? id) => CredentialBoards.FirstOrDefault(p => p.Id == id)?.Name ?? id ?? "";

    public sealed record Result(OnboardingGuide Guide, IReadOnlyList<ContentProblem> Problems);

    /// <summary>Loads and throws <see cref="ContentException"/> on any structural problem, naming the file and line.</summary>
    public static OnboardingGuide LoadOrThrow(string contentRoot)
    {
        var result = Load(contentRoot);
        var fatal = result.Problems.Where(p => p.Kind == ProblemKind.Structure).ToList();
        if (fatal.Count > 0) throw new ContentException(fatal);
        return result.Guide;
    }

    public static Result Load(string contentRoot)
    {
        var root = Path.GetFullPath(contentRoot);
        var problems = new List<ContentProblem>();
        var context = new CatalogLoader.LoadContext(root, problems);
        var path = Path.Combine(root, FileName);
        var empty = new OnboardingGuide([], [], []);
        if (!File.Exists(path))
        {
            context.Add(path, 1, ProblemKind.Structure, $"{FileName} is missing: it lists the programme types, credential boards and readiness checklist of site onboarding");
            return new Result(empty, problems);
        }
        var text = File.ReadAllText(path);
        var yaml = new YamlFile(context.Relative(path), text, 0, problems);
        var map = yaml.RootMapping(FileName);
        if (map is null) return new Result(empty, problems);
        yaml.AllowOnly(map, "programmeTypes", "credentialBoards", "checklist");

        var programmeTypes = Choices(yaml, map, "programmeTypes");
        var boards = Choices(yaml, map, "credentialBoards");
        var checklist = new List<ChecklistItem>();
        foreach (var item in yaml.MappingList(map, "checklist", true))
        {
            yaml.AllowOnly(item, "id", "title", "help", "question");
            var id = Id(yaml, item, checklist.Select(c => c.Id), "checklist item");
            var title = yaml.String(item, "title", true);
            var help = yaml.String(item, "help", true);
            var question = yaml.String(item, "question", false);
            Length(yaml, item, "title", title, 120);
            Length(yaml, item, "help", help, 400);
            Length(yaml, item, "question", question, 120);
            if (id is not null && title is not null && help is not null) checklist.Add(new ChecklistItem(id, title, help, question));
        }
        if (checklist.Count == 0 && yaml.Node(map, "checklist") is { } node) yaml.ProblemAt(node, "'checklist' needs at least one item");

        // language.yml's own problems are the course catalog's to report; only its rules are used here.
        var language = LanguageRules.Load(Path.Combine(root, "language.yml"), new CatalogLoader.LoadContext(root, []));
        // The spelling rule is the courses'; the onboarding guide's wording and choice ids are shared with stored site
        // profiles and page tests, so they keep their spelling until they are changed together.
        language.Check(yaml.File, text, context, checkSpelling: false);
        return new Result(new OnboardingGuide(programmeTypes, boards, checklist), problems);
    }

    private static List<OnboardingChoice> Choices(YamlFile yaml, YamlMappingNode map, string key)
    {
        var result = new List<OnboardingChoice>();
        foreach (var item in yaml.MappingList(map, key, true))
        {
            yaml.AllowOnly(item, "id", "name");
            var id = Id(yaml, item, result.Select(c => c.Id), "choice");
            var name = yaml.String(item, "name", true);
            Length(yaml, item, "name", name, 120);
            if (id is not null && name is not null) result.Add(new OnboardingChoice(id, name));
        }
        if (result.Count == 0 && yaml.Node(map, key) is { } node) yaml.ProblemAt(node, $"'{key}' needs at least one item");
        return result;
    }

    private static string? Id(YamlFile yaml, YamlMappingNode item, IEnumerable<string> earlier, string what)
    {
        var id = yaml.String(item, "id", true);
        if (id is null) return null;
        if (!IdPattern().IsMatch(id) || id.Length > 80)
        {
            yaml.ProblemAt(yaml.Node(item, "id")!, $"{what} id '{id}' must use lowercase letters, digits and dashes (at most 80)");
            return null;
        }
        if (earlier.Contains(id, StringComparer.Ordinal))
        {
            yaml.ProblemAt(yaml.Node(item, "id")!, $"{what} id '{id}' is listed twice");
            return null;
        }
        return id;
    }

    private static void Length(YamlFile yaml, YamlMappingNode item, string key, string? value, int max)
    {
        if (value is not null && value.Length > max) yaml.ProblemAt(yaml.Node(item, key)!, $"'{key}' is {value.Length} characters long; keep it to {max}", ProblemKind.Editorial);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
