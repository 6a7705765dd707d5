using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TrainingHub.Content;

/// <summary>A case character, with the details every lesson, quiz and guide that names them must keep (content/cast.yml).</summary>
public sealed record CastMember(string Name, int Age, string Medication, string Setting);

/// <summary>
/// Rule "cast": one set of case characters across the three courses. In a sentence that names one character of
/// content/cast.yml, an age ("Harold, 68," "Harold is 68", "Harold (68)", "a 68-year-old") must be theirs, and a
/// medication (methadone, buprenorphine, naltrexone) must include theirs. A name introduced with an age, or in a
/// "Case:" / "Case study:" heading, that is not in the cast is reported as an unknown case name.
/// </summary>
internal sealed partial class CastRules(IReadOnlyList<CastMember> members)
{
    public const string FileName = "cast.yml";
    public static readonly string[] Medications = ["methadone", "buprenorphine", "naltrexone", "none"];
    public static readonly CastRules None = new([]);

    public IReadOnlyList<CastMember> Members => members;

    public static CastRules Load(string path, CatalogLoader.LoadContext ctx)
    {
        if (!File.Exists(path)) return None;
        var yaml = new YamlFile(ctx.Relative(path), File.ReadAllText(path), 0, ctx.Problems);
        var map = yaml.RootMapping(FileName);
        if (map is null) return None;
        yaml.AllowOnly(map, "cast");
        var result = new List<CastMember>();
        foreach (var item in yaml.MappingList(map, "cast", true))
        {
            yaml.AllowOnly(item, "name", "age", "medication", "role", "setting");
            var name = yaml.String(item, "name", true);
            var age = yaml.Int(item, "age", true);
            var medication = yaml.String(item, "medication", true);
            var setting = yaml.String(item, "setting", true);
            if (name is null || age is null || medication is null || setting is null) continue;
            if (!Medications.Contains(medication)) yaml.ProblemAt(item, $"medication '{medication}' is not one of: {string.Join(", ", Medications)}");
            if (result.Any(m => m.Name == name)) yaml.ProblemAt(item, $"'{name}' is in the cast twice: a name is one character");
            result.Add(new CastMember(name, age.Value, medication, setting));
        }
        return new CastRules(result);
    }

    public void Check(string relativeFile, string text, CatalogLoader.LoadContext ctx)
    {
        if (members.Count == 0) return;
        var lines = CatalogLoader.Normalise(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            void Problem(string message) => ctx.Problems.Add(new ContentProblem(relativeFile, i + 1, ProblemKind.Editorial, message));
            var heading = CaseHeading().Match(lines[i]);
            if (heading.Success && Find(heading.Groups[1].Value) is null && !NotNames.Contains(heading.Groups[1].Value))
            {
                Problem($"'{heading.Groups[1].Value}' is a case name not in content/{FileName}: use a character of the cast, or add them with their details");
            }
            foreach (var sentence in SentenceEnd().Split(lines[i]))
            {
                CheckSentence(sentence, Problem);
            }
        }
    }

    private void CheckSentence(string sentence, Action<string> problem)
    {
        foreach (Match m in IntroducedWithAge().Matches(sentence))
        {
            var name = m.Groups["name"].Value;
            if (Find(name) is null && !NotNames.Contains(name))
            {
                problem($"'{name}' is a case name not in content/{FileName}: use a character of the cast, or add them with their details");
            }
        }
        var named = members.Where(c => Regex.IsMatch(sentence, $@"\b{Regex.Escape(c.Name)}\b", RegexOptions.CultureInvariant)).ToList();
        if (named.Count != 1) return;
        var who = named[0];
        var ages = IntroducedWithAge().Matches(sentence).Where(m => m.Groups["name"].Value == who.Name).Concat(YearsOld().Matches(sentence))
            .Select(m => int.Parse(m.Groups["age"].Value, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var age in ages.Where(a => a != who.Age).Distinct())
        {
            problem($"{who.Name} is {who.Age} in content/{FileName}, not {age}");
        }
        var medications = MedicationWord().Matches(sentence).Select(m => Canonical(m.Value)).Distinct().ToList();
        // A character on no medication may weigh or start one: only a character's own medication is held fixed.
        if (who.Medication != "none" && medications.Count > 0 && !medications.Contains(who.Medication))
        {
            problem($"{who.Name} takes {who.Medication} in content/{FileName}, not {string.Join(" or ", medications)}");
        }
    }

    private CastMember? Find(string name) => members.FirstOrDefault(m => m.Name == name);

    private static string Canonical(string word) => word.ToLowerInvariant() switch
    {
        "suboxone" or "sublocade" or "brixadi" or "zubsolv" => "buprenorphine",
        "vivitrol" => "naltrexone",
        var w => w,
    };

    // Capitalized words an age can follow that are not people ("Step 1, 10 minutes" is not a case).
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "Step", "Module", "Lesson", "Week", "Day", "Page", "Part", "Section", "Question", "Chapter", "Age", "Ages", "Title",
        "In", "By", "On", "At", "From", "Since", "Until", "About", "Over", "Under", "Around", "Of", "And", "Or", "The", "It", "This",
        "That", "There", "Here", "Each", "Every", "Some", "Most", "Many", "For", "With", "After", "Before", "Then", "When", "Now",
        "Room", "Group", "Table", "Round", "Minutes", "Hours", "Years", "Only", "Even", "Nearly", "Almost", "Roughly", "Sites",
        "Rewriting", "Two", "Three", "One", "What", "Who", "How", "Why", "A", "An",
    };

    [GeneratedRegex(@"^#{2,4}\s*(?:Case(?: study)?|Scenario)\s*\d*\s*:\s*(?:\*\*)?(?:(?:Mrs|Mr|Ms|Dr)\.?\s+)?(\p{Lu}\p{Ll}+(?:-\p{Ll}+)?)")]
    private static partial Regex CaseHeading();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\b(?<name>\p{Lu}\p{Ll}+(?:-\p{Ll}+)?)(?:, (?:a |an |aged )?| \(| is (?:a |an |now )?)(?<age>[1-9]\d)\b(?!\s*(?:%|percent|years?|hours?|minutes?|days?|weeks?|months?|mg|milligrams?|people|times|pills|doses|-hour|-day|-week|-month))")]
    private static partial Regex IntroducedWithAge();

    [GeneratedRegex(@"\b(?<age>[1-9]\d)[- ]year[- ]old\b")]
    private static partial Regex YearsOld();

    [GeneratedRegex(@"\b(methadone|buprenorphine|naltrexone|suboxone|sublocade|brixadi|zubsolv|vivitrol)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MedicationWord();
}
