using TrainingHub.Localization;

namespace TrainingHub.Domain;

/// <summary>What the next credential needs beyond what a person has, in plain words, grouped as a person plans it.</summary>
/// <param name="Group">One of the <see cref="Ladder"/> groups (<see cref="Ladder.Education"/>, …): an English text that is its own resource key.</param>
public sealed record LadderGap(string Group, Phrase TitlePhrase, Phrase GapPhrase, bool Unconfirmed)
{
    public string Title => TitlePhrase.English;

    public string Gap => GapPhrase.English;
}

/// <param name="From">The credential the step starts from.</param>
/// <param name="Holds">The person holds <paramref name="From"/> (verified); otherwise it is the chosen credential they are closest to.</param>
public sealed record NextStep(CredentialRuleSet From, bool Holds, CredentialRuleSet Next, IReadOnlyList<LadderGap> Gaps, bool NextHasUnconfirmed)
{
    public Phrase LeadPhrase => Holds
        ? Phrase.Of("You hold the {0}. The next step on the ladder is the {1}.", From.Name, Next.Name)
        : Phrase.Of("You are working toward the {0}. The step after it is the {1}.", From.Name, Next.Name);

    public string Lead => LeadPhrase.English;
}

/// <summary>
/// The career ladder: from the credential a person holds (or, holding none on a ladder, the chosen one they are closest
/// to), the credential its rule file names as next, and each requirement of it they do not meet yet.
/// </summary>
public static class Ladder
{
    public const string Education = "Education hours";
    public const string SupervisedWork = "Supervised work";
    public const string Exam = "Exam";
    public const string Other = "Other requirements";

    /// <param name="held">Credentials the person holds, verified by the institute, newest first.</param>
    /// <param name="chosen">Credentials the person chose, evaluated.</param>
    public static NextStep? Find(Func<string, CredentialRuleSet?> find, IReadOnlyList<string> held, IReadOnlyList<EligibilityResult> chosen, PersonRecord person, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(chosen);
        var from = held.Select(find).OfType<CredentialRuleSet>().FirstOrDefault(s => s.Next is not null && find(s.Next) is not null);
        var holds = from is not null;
        from ??= chosen.Where(e => e.Rules.Next is not null && find(e.Rules.Next) is not null).OrderBy(e => e.Unmet).Select(e => e.Rules).FirstOrDefault();
        if (from is null) return null;
        var next = find(from.Next!)!;
        var result = Eligibility.Evaluate(next, person, today);
        var gaps = result.Requirements.Where(r => !r.Met).Select(r => new LadderGap(GroupOf(r.Requirement.Kind), r.TitlePhrase, r.GapPhrase ?? r.ProgressPhrase, r.Requirement.Source.Unconfirmed))
            .Concat(result.Constraints.Where(c => !c.Met).Select(c => new LadderGap(Education, c.TitlePhrase, c.GapPhrase ?? c.DetailPhrase, c.Constraint.Source.Unconfirmed)))
            .OrderBy(g => Array.IndexOf(GroupOrder, g.Group)).ToList();
        return new NextStep(from, holds, next, gaps, next.HasUnconfirmed);
    }

    /// <summary>The groups in the order a person plans them; each is a text of the resources, worded where it is shown.</summary>
    private static readonly string[] GroupOrder = [Education, SupervisedWork, Exam, Other];

    public static string GroupOf(RequirementKind kind) => kind switch
    {
        RequirementKind.TrainingHours or RequirementKind.DomainHours or RequirementKind.EthicsHours or RequirementKind.MedicationSupportedRecoveryHours => Education,
        RequirementKind.ExperienceHours or RequirementKind.SupervisionHours => SupervisedWork,
        RequirementKind.ExamPassed => Exam,
        _ => Other,
    };
}
