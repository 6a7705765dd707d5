using System.Globalization;
using TrainingHub.Domain;
using YamlDotNet.RepresentationModel;

namespace TrainingHub.Content;

/// <summary>An exam that one or more credentials ask for; the institute records who passed it.</summary>
public sealed record ExamChoice(string Id, string Name, IReadOnlyList<string> CredentialNames);

/// <summary>A board domain none of our tags map to: verified outside hours can be assigned to it directly.</summary>
public sealed record BoardOnlyDomain(string Key, string Name, string CredentialName);

/// <summary>Every credential rule set in content/credentials/, loaded once at start-up. An institute edits the files, not code.</summary>
public sealed class CredentialRuleBook(IReadOnlyList<CredentialRuleSet> sets)
{
    private readonly Dictionary<string, CredentialRuleSet> _byId = sets.ToDictionary(s => s.Id, StringComparer.Ordinal);

    public IReadOnlyList<CredentialRuleSet> All { get; } = sets;

    public CredentialRuleSet? Find(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<ExamChoice> Exams { get; } = sets
        .SelectMany(s => s.Requirements.Where(r => r.Kind == RequirementKind.ExamPassed).Select(r => (r.ExamId!, r.ExamName!, s.Name)))
        .GroupBy(e => e.Item1, StringComparer.Ordinal)
        .Select(g => new ExamChoice(g.Key, g.First().Item2, g.Select(e => e.Name).Distinct().ToList()))
        .OrderBy(e => e.Name, StringComparer.CurrentCulture).ToList();

    public IReadOnlyList<BoardOnlyDomain> BoardOnlyDomains { get; } = sets
        .SelectMany(s => s.Domains.Where(d => d.FromTags.Count == 0).Select(d => new BoardOnlyDomain(s.BoardOnlyKey(d.Id), d.Name, s.Name)))
        .ToList();

    public ExamChoice? FindExam(string? id) => Exams.FirstOrDefault(e => e.Id == id);
}

/// <summary>
/// Loads content/credentials/*.yml. Structure problems (an unknown domain, a negative number, a rule without its
/// source) stop start-up with the file and line; the content linter reports them too.
/// </summary>
public static class CredentialRulesLoader
{
    public const string Folder = "credentials";

    private static readonly string[] TopKeys = ["id", "board", "boardName", "name", "summary", "source", "checked", "unconfirmed", "notes", "domains", "requirements", "constraints", "renewal", "next"];
    private static readonly string[] SourceKeys = ["kind", "source", "checked", "unconfirmed", "note"];

    private static readonly Dictionary<string, RequirementKind> RequirementKinds = new(StringComparer.Ordinal)
    {
        ["training-hours"] = RequirementKind.TrainingHours,
        ["domain-hours"] = RequirementKind.DomainHours,
        ["ethics-hours"] = RequirementKind.EthicsHours,
        ["msr-hours"] = RequirementKind.MedicationSupportedRecoveryHours,
        ["experience-hours"] = RequirementKind.ExperienceHours,
        ["supervision-hours"] = RequirementKind.SupervisionHours,
        ["exam"] = RequirementKind.ExamPassed,
        ["code-of-ethics"] = RequirementKind.CodeOfEthicsSigned,
        ["time-in-recovery"] = RequirementKind.TimeInRecovery,
    };

    private static readonly Dictionary<string, ConstraintKind> ConstraintKinds = new(StringComparer.Ordinal)
    {
        ["completed-on-or-after"] = ConstraintKind.CompletedOnOrAfter,
        ["face-to-face-share"] = ConstraintKind.FaceToFaceShare,
        ["approved-provider"] = ConstraintKind.ApprovedProvider,
        ["within-years"] = ConstraintKind.WithinYears,
    };

    private static readonly Dictionary<string, HoursDelivery> Deliveries = new(StringComparer.Ordinal)
    {
        ["in-person"] = HoursDelivery.InPerson,
        ["live-virtual"] = HoursDelivery.LiveVirtual,
        ["self-paced"] = HoursDelivery.SelfPaced,
    };

    public const string EthicsTag = "ethical-responsibility";
    public const string MedicationSupportedRecoveryTag = "medication-supported-recovery";

    public sealed record Result(CredentialRuleBook Rules, IReadOnlyList<ContentProblem> Problems);

    public static CredentialRuleBook LoadOrThrow(string contentRoot, IReadOnlyCollection<string> domainTags, IReadOnlyCollection<string>? codeIds = null)
    {
        var result = Load(contentRoot, domainTags, codeIds);
        var fatal = result.Problems.Where(p => p.Kind == ProblemKind.Structure).ToList();
        if (fatal.Count > 0) throw new ContentException(fatal);
        return result.Rules;
    }

    /// <summary>
    /// Loads every rule file; a content folder without credentials/ has no credentials to offer, which is not a problem.
    /// <paramref name="codeIds"/> are the codes of ethics in content/codes/ a requirement may name (null: not checked).
    /// </summary>
    public static Result Load(string contentRoot, IReadOnlyCollection<string> domainTags, IReadOnlyCollection<string>? codeIds = null)
    {
        var root = Path.GetFullPath(contentRoot);
        var problems = new List<ContentProblem>();
        var context = new CatalogLoader.LoadContext(root, problems) { DomainTags = domainTags.ToHashSet(StringComparer.Ordinal), CodeIds = codeIds };
        var folder = Path.Combine(root, Folder);
        if (!Directory.Exists(folder)) return new Result(new CredentialRuleBook([]), problems);
        // language.yml's own problems are the course catalog's to report; only its rules are used here.
        context.Language = LanguageRules.Load(Path.Combine(root, "language.yml"), new CatalogLoader.LoadContext(root, []));

        var sets = new List<CredentialRuleSet>();
        var examNames = new Dictionary<string, (string Name, string File)>(StringComparer.Ordinal);
        var nextLinks = new List<NextLink>();
        foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".YML", StringComparison.Ordinal))
            {
                context.Add(path, 1, ProblemKind.Structure, "a credential rule file must be named like 'board-credential.yml' (lowercase .yml)");
                continue;
            }
            // Anything else (a README, a file a desktop leaves behind) is not a rule file.
            if (!path.EndsWith(".yml", StringComparison.Ordinal)) continue;
            var set = LoadFile(path, context, examNames, nextLinks);
            if (set is not null) sets.Add(set);
        }
        // 'next' names another file's credential; checked against every rule file's name (not only those that loaded
        // cleanly) so one broken file is reported once, not again by each file that points at it.
        var ids = Directory.GetFiles(folder, "*.yml").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        foreach (var link in nextLinks.Where(l => !ids.Contains(l.Next)))
        {
            context.Add(link.Path, link.Line, ProblemKind.Structure,
                $"'next' is '{link.Next}' but there is no credential rule file '{link.Next}.yml' in {Folder}/: it must be the id of another credential");
        }
        return new Result(new CredentialRuleBook(sets), problems);
    }

    private sealed record NextLink(string Path, int Line, string Next);

    private static CredentialRuleSet? LoadFile(string path, CatalogLoader.LoadContext ctx, Dictionary<string, (string Name, string File)> examNames,
        List<NextLink> nextLinks)
    {
        var text = File.ReadAllText(path);
        var yaml = new YamlFile(ctx.Relative(path), text, 0, ctx.Problems);
        var map = yaml.RootMapping("a credential rule file");
        if (map is null) return null;
        yaml.AllowOnly(map, TopKeys);
        ctx.Language.Check(yaml.File, text, ctx);
        var problemsBefore = ctx.Problems.Count(p => p.Kind == ProblemKind.Structure);

        var stem = Path.GetFileNameWithoutExtension(path);
        var id = yaml.String(map, "id", true);
        if (id is not null && id != stem) yaml.ProblemAt(yaml.Node(map, "id")!, $"'id' is '{id}' but the file is '{stem}.yml': they must be the same");
        if (id is not null && !CatalogLoader.SlugPattern().IsMatch(id)) yaml.ProblemAt(yaml.Node(map, "id")!, "'id' must use lowercase letters, digits and dashes");
        var board = yaml.String(map, "board", true);
        if (board is not null && !CatalogLoader.SlugPattern().IsMatch(board)) yaml.ProblemAt(yaml.Node(map, "board")!, "'board' must use lowercase letters, digits and dashes");
        var boardName = yaml.String(map, "boardName", true);
        var name = yaml.String(map, "name", true);
        var summary = yaml.String(map, "summary", true);
        var source = Source(yaml, map);
        var notes = yaml.StringList(map, "notes", false);

        var domains = new List<BoardDomain>();
        var tagOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        var courseOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in yaml.MappingList(map, "domains", false))
        {
            yaml.AllowOnly(d, "id", "name", "from", "courses");
            var domainId = yaml.String(d, "id", true);
            var domainName = yaml.String(d, "name", true);
            if (domainId is not null && !CatalogLoader.SlugPattern().IsMatch(domainId)) yaml.ProblemAt(yaml.Node(d, "id")!, "a domain 'id' must use lowercase letters, digits and dashes");
            if (domainId is not null && domains.Any(x => x.Id == domainId)) yaml.ProblemAt(d, $"domain '{domainId}' is listed twice");
            var from = Tags(yaml, d, "from", ctx, required: true, []);
            foreach (var tag in from)
            {
                if (tagOwner.TryGetValue(tag, out var other)) yaml.ProblemAt(yaml.Node(d, "from")!, $"our tag '{tag}' already counts toward domain '{other}': hours must count toward one board domain only");
                else tagOwner[tag] = domainId ?? "";
            }
            var courses = yaml.Node(d, "courses") is null ? [] : yaml.StringList(d, "courses", true);
            foreach (var course in courses)
            {
                if (!CatalogLoader.SlugPattern().IsMatch(course)) yaml.ProblemAt(yaml.Node(d, "courses")!, $"'{course}' is not a course id (lowercase letters, digits and dashes)");
                else if (courseOwner.TryGetValue(course, out var other)) yaml.ProblemAt(yaml.Node(d, "courses")!, $"course '{course}' already counts toward domain '{other}': hours must count toward one board domain only");
                else courseOwner[course] = domainId ?? "";
            }
            if (domainId is not null && domainName is not null) domains.Add(new BoardDomain(domainId, domainName, from) { FromCourses = courses });
        }

        var requirements = new List<CredentialRequirement>();
        foreach (var r in yaml.MappingList(map, "requirements", true))
        {
            var requirement = Requirement(yaml, r, ctx, domains, requirements);
            if (requirement is null) continue;
            if (requirement.ExamId is { } examId)
            {
                if (examNames.TryGetValue(examId, out var known) && known.Name != requirement.ExamName)
                {
                    yaml.ProblemAt(r, $"exam '{examId}' is named '{known.Name}' in {known.File}: use the same name, or another exam id");
                }
                else examNames.TryAdd(examId, (requirement.ExamName!, yaml.File));
            }
            requirements.Add(requirement);
        }
        if (requirements.Count == 0 && yaml.Node(map, "requirements") is { } reqNode) yaml.ProblemAt(reqNode, "'requirements' needs at least one requirement");

        var constraints = new List<CredentialConstraint>();
        foreach (var c in yaml.MappingList(map, "constraints", false))
        {
            var constraint = Constraint(yaml, c, constraints);
            foreach (var unknown in constraint?.Domains.Where(d => domains.All(x => x.Id != d)) ?? [])
            {
                yaml.ProblemAt(yaml.Node(c, "appliesTo")!, $"unknown domain '{unknown}': it is not one of this file's domains ({string.Join(", ", domains.Select(d => d.Id))})");
            }
            if (constraint is not null) constraints.Add(constraint);
        }

        var renewal = yaml.Node(map, "renewal") is YamlMappingNode renewalMap ? Renewal(yaml, renewalMap, ctx) : null;
        if (yaml.Node(map, "renewal") is { } renewalNode and not YamlMappingNode) yaml.ProblemAt(renewalNode, "'renewal' must be a mapping with cycleYears, hours, parts, counts and its source");
        var next = yaml.String(map, "next", false);
        if (next is not null && (!CatalogLoader.SlugPattern().IsMatch(next) || next == id)) yaml.ProblemAt(yaml.Node(map, "next")!, "'next' must be the id of another credential rule file");
        else if (next is not null) nextLinks.Add(new NextLink(path, yaml.LineOf(yaml.Node(map, "next")!), next));

        var complete = ctx.Problems.Count(p => p.Kind == ProblemKind.Structure) == problemsBefore;
        if (!complete || id is null || board is null || boardName is null || name is null || summary is null || source is null) return null;
        return new CredentialRuleSet(id, board, boardName, name, summary, source, notes, domains, requirements, constraints) { Renewal = renewal, Next = next };
    }

    /// <summary>renewal: cycleYears, hours, parts (name, hours, from), counts (in words), and its source.</summary>
    private static RenewalRule? Renewal(YamlFile yaml, YamlMappingNode map, CatalogLoader.LoadContext ctx)
    {
        yaml.AllowOnly(map, "cycleYears", "hours", "parts", "counts", "source", "checked", "unconfirmed", "note");
        var years = PositiveInt(yaml, map, "cycleYears", 10);
        var hours = PositiveHours(yaml, map);
        var counts = yaml.String(map, "counts", true);
        var source = Source(yaml, map);
        var parts = new List<RenewalPart>();
        foreach (var p in yaml.MappingList(map, "parts", false))
        {
            yaml.AllowOnly(p, "name", "hours", "from");
            var partName = yaml.String(p, "name", true);
            var partHours = PositiveHours(yaml, p);
            var from = Tags(yaml, p, "from", ctx, required: true, []);
            if (partName is not null && partHours is not null) parts.Add(new RenewalPart(partName, partHours.Value, from));
        }
        if (hours is not null && parts.Sum(p => p.Hours) > hours) yaml.ProblemAt(map, "the renewal's parts add up to more hours than its total");
        return years is null || hours is null || counts is null || source is null ? null : new RenewalRule(years.Value, hours.Value, parts, counts, source);
    }

    private static CredentialRequirement? Requirement(YamlFile yaml, YamlMappingNode r, CatalogLoader.LoadContext ctx, List<BoardDomain> domains, List<CredentialRequirement> earlier)
    {
        var kindText = yaml.String(r, "kind", true);
        if (kindText is null) return null;
        if (!RequirementKinds.TryGetValue(kindText, out var kind))
        {
            yaml.ProblemAt(yaml.Node(r, "kind")!, $"unknown requirement kind '{kindText}' (expected one of: {string.Join(", ", RequirementKinds.Keys)})");
            return null;
        }
        string[] extra = kind switch
        {
            RequirementKind.TrainingHours or RequirementKind.ExperienceHours or RequirementKind.SupervisionHours => ["hours"],
            RequirementKind.DomainHours => ["hours", "domain"],
            RequirementKind.EthicsHours or RequirementKind.MedicationSupportedRecoveryHours => ["hours", "from"],
            RequirementKind.ExamPassed => ["exam", "name"],
            RequirementKind.TimeInRecovery => ["years"],
            RequirementKind.CodeOfEthicsSigned => ["code"],
            _ => [],
        };
        yaml.AllowOnly(r, [.. SourceKeys, .. extra]);
        var source = Source(yaml, r);
        var requirement = new CredentialRequirement(kind, source ?? new RuleSource("", null, false, null));
        if (extra.Contains("hours")) requirement = requirement with { Hours = PositiveHours(yaml, r) ?? 0 };
        switch (kind)
        {
            case RequirementKind.DomainHours:
                var domain = yaml.String(r, "domain", true);
                if (domain is not null && domains.All(d => d.Id != domain))
                {
                    yaml.ProblemAt(yaml.Node(r, "domain")!, $"unknown domain '{domain}': it is not one of this file's domains ({string.Join(", ", domains.Select(d => d.Id))})");
                }
                if (domain is not null && earlier.Any(e => e.Kind == kind && e.DomainId == domain)) yaml.ProblemAt(r, $"domain '{domain}' already has an hours requirement");
                requirement = requirement with { DomainId = domain };
                break;
            case RequirementKind.EthicsHours or RequirementKind.MedicationSupportedRecoveryHours:
                var fallback = kind == RequirementKind.EthicsHours ? EthicsTag : MedicationSupportedRecoveryTag;
                requirement = requirement with { Tags = Tags(yaml, r, "from", ctx, required: false, [fallback]) };
                break;
            case RequirementKind.ExamPassed:
                var exam = yaml.String(r, "exam", true);
                if (exam is not null && !CatalogLoader.SlugPattern().IsMatch(exam)) yaml.ProblemAt(yaml.Node(r, "exam")!, "an 'exam' id must use lowercase letters, digits and dashes");
                requirement = requirement with { ExamId = exam, ExamName = yaml.String(r, "name", true) };
                break;
            case RequirementKind.TimeInRecovery:
                requirement = requirement with { Years = PositiveInt(yaml, r, "years", 50) ?? 0 };
                break;
            case RequirementKind.CodeOfEthicsSigned:
                var code = yaml.String(r, "code", false);
                if (code is not null && ctx.CodeIds is { } codes && !codes.Contains(code))
                {
                    yaml.ProblemAt(yaml.Node(r, "code")!, $"unknown code of ethics '{code}': it is not a file in content/{CodeOfEthicsParser.Folder}/ ({string.Join(", ", codes.Order(StringComparer.Ordinal))})");
                }
                requirement = requirement with { CodeId = code };
                break;
        }
        if (kind is not (RequirementKind.DomainHours or RequirementKind.TimeInRecovery or RequirementKind.ExamPassed) && earlier.Any(e => e.Kind == kind))
        {
            yaml.ProblemAt(r, $"there is already a '{kindText}' requirement in this file");
        }
        return requirement;
    }

    private static CredentialConstraint? Constraint(YamlFile yaml, YamlMappingNode c, List<CredentialConstraint> earlier)
    {
        var kindText = yaml.String(c, "kind", true);
        if (kindText is null) return null;
        if (!ConstraintKinds.TryGetValue(kindText, out var kind))
        {
            yaml.ProblemAt(yaml.Node(c, "kind")!, $"unknown constraint kind '{kindText}' (expected one of: {string.Join(", ", ConstraintKinds.Keys)})");
            return null;
        }
        string[] extra = kind switch
        {
            ConstraintKind.CompletedOnOrAfter => ["date"],
            ConstraintKind.FaceToFaceShare => ["percent", "deliveries"],
            ConstraintKind.ApprovedProvider => ["from"],
            _ => ["years", "appliesTo"],
        };
        yaml.AllowOnly(c, [.. SourceKeys, .. extra]);
        if (earlier.Any(e => e.Kind == kind)) yaml.ProblemAt(c, $"there is already a '{kindText}' constraint in this file");
        var constraint = new CredentialConstraint(kind, Source(yaml, c) ?? new RuleSource("", null, false, null));
        switch (kind)
        {
            case ConstraintKind.CompletedOnOrAfter:
                return constraint with { Date = Date(yaml, c, "date", true) };
            case ConstraintKind.ApprovedProvider:
                return constraint with { Date = Date(yaml, c, "from", false) };
            case ConstraintKind.WithinYears:
                return constraint with { Years = PositiveInt(yaml, c, "years", 100) ?? 0, Domains = yaml.Node(c, "appliesTo") is null ? [] : yaml.StringList(c, "appliesTo", true) };
            default:
                var percent = PositiveInt(yaml, c, "percent", 100) ?? 0;
                var deliveries = new List<HoursDelivery>();
                foreach (var d in yaml.StringList(c, "deliveries", false))
                {
                    if (Deliveries.TryGetValue(d, out var delivery)) deliveries.Add(delivery);
                    else yaml.ProblemAt(yaml.Node(c, "deliveries")!, $"unknown delivery '{d}' (expected one of: {string.Join(", ", Deliveries.Keys)})");
                }
                return constraint with { Percent = percent, Deliveries = deliveries.Count > 0 ? deliveries.Distinct().ToList() : [HoursDelivery.InPerson] };
        }
    }

    /// <summary>source (a full web address), checked (a date; only an unconfirmed rule may leave it out), unconfirmed, note.</summary>
    private static RuleSource? Source(YamlFile yaml, YamlMappingNode map)
    {
        var url = yaml.String(map, "source", true);
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            yaml.ProblemAt(yaml.Node(map, "source")!, $"'source' must be the full web address of the board's page, not '{url}'");
            url = null;
        }
        var unconfirmed = yaml.Bool(map, "unconfirmed") ?? false;
        var checkedOn = Date(yaml, map, "checked", required: !unconfirmed);
        var note = yaml.String(map, "note", false);
        return url is null ? null : new RuleSource(url, checkedOn, unconfirmed, note);
    }

    private static DateOnly? Date(YamlFile yaml, YamlMappingNode map, string key, bool required)
    {
        var text = yaml.String(map, key, required);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        yaml.ProblemAt(yaml.Node(map, key)!, $"'{key}' must be a date written like 2026-11-23, not '{text}'");
        return null;
    }

    private static decimal? PositiveHours(YamlFile yaml, YamlMappingNode map)
    {
        var hours = yaml.Decimal(map, "hours", true);
        if (hours is null) return null;
        if (hours <= 0 || decimal.Round(hours.Value, 2) != hours)
        {
            yaml.ProblemAt(yaml.Node(map, "hours")!, $"'hours' must be a positive number of hours (at most two decimals), not {CatalogLoader.Fmt(hours.Value)}");
            return null;
        }
        return hours;
    }

    private static int? PositiveInt(YamlFile yaml, YamlMappingNode map, string key, int max)
    {
        var value = yaml.Int(map, key, true);
        if (value is null) return null;
        if (value is < 1 || value > max)
        {
            yaml.ProblemAt(yaml.Node(map, key)!, $"'{key}' must be a whole number from 1 to {max}, not {value}");
            return null;
        }
        return value;
    }

    /// <summary>A list of our domain tags; each must be in content/domains.yml. Missing and optional: <paramref name="fallback"/>.</summary>
    private static IReadOnlyList<string> Tags(YamlFile yaml, YamlMappingNode map, string key, CatalogLoader.LoadContext ctx, bool required, IReadOnlyList<string> fallback)
    {
        var node = yaml.Node(map, key);
        if (node is null)
        {
            if (required) yaml.Problem(yaml.LineOf(map), $"'{key}' is missing: list our domain tags that count toward it, or [] for none");
            foreach (var tag in fallback.Where(t => !ctx.DomainTags.Contains(t)))
            {
                yaml.ProblemAt(map, $"unknown domain '{tag}': it is not in content/domains.yml; list the tags that count with '{key}'");
            }
            return fallback;
        }
        if (node is not YamlSequenceNode seq)
        {
            yaml.ProblemAt(node, $"'{key}' must be a list of domain tags, like [advocacy] or []");
            return [];
        }
        var tags = new List<string>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlScalarNode { Value: { } value } || string.IsNullOrWhiteSpace(value))
            {
                yaml.ProblemAt(item, $"every item of '{key}' must be a domain tag");
                continue;
            }
            if (!ctx.DomainTags.Contains(value.Trim()))
            {
                yaml.ProblemAt(item, $"unknown domain '{value.Trim()}': it is not in content/domains.yml ({string.Join(", ", ctx.DomainTags.Order(StringComparer.Ordinal))})");
                continue;
            }
            tags.Add(value.Trim());
        }
        return tags;
    }
}
