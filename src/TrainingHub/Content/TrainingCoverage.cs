using TrainingHub.Domain;

namespace TrainingHub.Content;

/// <summary>
/// What the institute's courses earn toward each credential when a trainee completes every published course: each
/// lesson's hours by domain, as the ledger would credit them, through the same eligibility rules a trainee sees.
/// Credentials listed in content/targets.yml must have every training requirement met, or the linter fails.
/// </summary>
public static class TrainingCoverage
{
    public const string TargetsFile = "targets.yml";

    private static readonly RequirementKind[] TrainingKinds =
        [RequirementKind.TrainingHours, RequirementKind.DomainHours, RequirementKind.EthicsHours, RequirementKind.MedicationSupportedRecoveryHours];

    public sealed record Report(CredentialRuleSet Rules, bool Target, IReadOnlyList<RequirementProgress> Training)
    {
        public bool Met => Training.All(r => r.Met);
    }

    public static IReadOnlyList<Report> AllCoursesCompleted(CourseCatalog catalog, CredentialRuleBook credentials, IReadOnlyCollection<string> targets)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(credentials);
        var today = new DateOnly(2000, 1, 1);
        // The institute's own training carries its approval number for every board, as Credentials:ProviderNumbers would.
        var numbers = credentials.All.Select(s => s.Board).Distinct().ToDictionary(b => b, _ => "institute", StringComparer.Ordinal);
        var training = catalog.Courses.Where(c => c.Published).SelectMany(c => c.Lessons.SelectMany(l => l.DomainHours.Select(p =>
            new TrainingRecord(c.Title, p.Tag, p.Hours, HoursStatus.Credited,
                l.Delivery == LessonDelivery.Live ? HoursDelivery.InPerson : HoursDelivery.SelfPaced, today, TrainingOrigin.Institute, "the institute", numbers,
                CourseId: c.Id))))
            .ToList();
        var person = PersonRecord.Empty with { Training = training };
        return credentials.All.Select(set => new Report(set, targets.Contains(set.Id),
                Eligibility.Evaluate(set, person, today).Requirements.Where(r => TrainingKinds.Contains(r.Requirement.Kind)).ToList()))
            .ToList();
    }

    /// <summary>Reads content/targets.yml (<c>targets: [icrc-pr]</c>); a missing file targets nothing. Unknown ids are problems.</summary>
    public static IReadOnlyList<string> LoadTargets(string contentRoot, CredentialRuleBook credentials, List<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var path = Path.Combine(Path.GetFullPath(contentRoot), TargetsFile);
        if (!File.Exists(path)) return [];
        var yaml = new YamlFile(TargetsFile, File.ReadAllText(path), 0, problems);
        var map = yaml.RootMapping(TargetsFile);
        if (map is null) return [];
        yaml.AllowOnly(map, "targets");
        var ids = yaml.StringList(map, "targets", true);
        foreach (var id in ids.Where(id => credentials.Find(id) is null))
        {
            yaml.ProblemAt(yaml.Node(map, "targets")!, $"'{id}' is not a credential in {CredentialRulesLoader.Folder}/");
        }
        return ids;
    }
}
