using System.Globalization;

namespace TrainingHub.Domain;

public enum TrainingOrigin { Institute, Outside }

/// <summary>
/// Net training hours of one kind: the ledger's entries for a lesson (reversals included) or a verified outside
/// certificate's hours in one domain. <paramref name="DomainKey"/> is one of our domain tags, or a board-only key
/// (<see cref="CredentialRuleSet.BoardOnlyKey"/>) that the institute assigned outside hours to. <paramref name="CourseId"/>
/// names the institute course the hours come from (none for outside training).
/// </summary>
public sealed record TrainingRecord(
    string Title,
    string DomainKey,
    decimal Hours,
    HoursStatus Status,
    HoursDelivery Delivery,
    DateOnly CompletedOn,
    TrainingOrigin Origin,
    string ProviderName,
    IReadOnlyDictionary<string, string> ProviderNumbers,
    string? Detail = null,
    string? CourseId = null,
    IReadOnlyDictionary<string, DateOnly>? ProviderApprovedFrom = null)
{
    /// <summary>The provider's approval number with <paramref name="board"/>, when it applies to this training's date.</summary>
    public bool ApprovedBy(string board) =>
        ProviderNumbers.TryGetValue(board, out var number) && !string.IsNullOrWhiteSpace(number)
        && (ProviderApprovedFrom is null || !ProviderApprovedFrom.TryGetValue(board, out var from) || CompletedOn >= from);

    /// <summary>The date from which the provider's approval with <paramref name="board"/> applies, when one is set.</summary>
    public DateOnly? ApprovedFrom(string board) => ProviderApprovedFrom is not null && ProviderApprovedFrom.TryGetValue(board, out var from) ? from : null;
}

/// <summary>Practice or supervision hours: approved by a supervisor's sign-off, or still waiting for it.</summary>
public sealed record PracticumRecord(PracticumKind Kind, DateOnly Date, decimal Hours, string DomainTag, bool Approved);

/// <summary>Everything about a person that a credential's rules look at. Holds no date of recovery: only yes or no answers.</summary>
public sealed record PersonRecord(
    IReadOnlyList<TrainingRecord> Training,
    IReadOnlyList<PracticumRecord> Practicum,
    IReadOnlyDictionary<string, DateOnly> ExamsPassed,
    IReadOnlyDictionary<string, DateTime> CodesOfEthicsSigned,
    IReadOnlyDictionary<int, bool> RecoveryAnswers)
{
    public static PersonRecord Empty { get; } = new([], [], new Dictionary<string, DateOnly>(), new Dictionary<string, DateTime>(), new Dictionary<int, bool>());

    /// <summary>The codes of ethics of content/codes/ the person signed: per code, the newest version signed and when.</summary>
    public IReadOnlyDictionary<string, SignedCode> CodesSigned { get; init; } = new Dictionary<string, SignedCode>();
}

/// <summary>A signature of a code of ethics from content/codes/: which version, and when.</summary>
public sealed record SignedCode(string Version, DateTime SignedAt);

public sealed record CountedPart(string Label, decimal Hours);

/// <param name="Progress">Where the person is, in words ("15 of 16 hours", "Signed on 3 March 2027").</param>
/// <param name="Gap">What is still missing, in plain words; null when met.</param>
/// <param name="Pending">Hours of this kind waiting for a supervisor's sign-off: shown, never counted.</param>
public sealed record RequirementProgress(
    CredentialRequirement Requirement,
    string Title,
    bool Met,
    string Progress,
    string? Gap,
    decimal? Required,
    decimal? Counted,
    decimal Pending,
    IReadOnlyList<CountedPart> CountedFrom)
{
    public string? PendingNote => Pending > 0
        ? $"{Eligibility.HoursText(Pending)} waiting for a supervisor's sign-off; {(Pending == 1 ? "it counts" : "they count")} once signed off."
        : null;
}

/// <param name="Met">A filter (dates, approved provider) is always met: what it leaves out is shown in <paramref name="Excluded"/>.</param>
public sealed record ConstraintOutcome(CredentialConstraint Constraint, string Title, bool Met, string Detail, string? Gap, IReadOnlyList<CountedPart> Excluded);

/// <summary>A training record as one credential sees it: the board domain it counts toward, or why it does not count.</summary>
public sealed record TrainingLine(TrainingRecord Record, BoardDomain? Domain, string? NotCountedBecause)
{
    public bool Counts => NotCountedBecause is null;
}

public sealed record EligibilityResult(
    CredentialRuleSet Rules,
    bool Eligible,
    IReadOnlyList<RequirementProgress> Requirements,
    IReadOnlyList<ConstraintOutcome> Constraints,
    IReadOnlyList<TrainingLine> Training)
{
    public int Unmet => Requirements.Count(r => !r.Met) + Constraints.Count(c => !c.Met);

    public int Total => Requirements.Count + Constraints.Count(c => c.Constraint.Kind == ConstraintKind.FaceToFaceShare);

    /// <summary>One sentence for the top of the page and for emails.</summary>
    public string Summary => Eligible
        ? Rules.HasUnconfirmed
            ? $"You meet every requirement TrainingHub knows of for {Rules.Name}. Some were not confirmed with the board: check them with {Rules.BoardName} before you apply."
            : $"You meet every requirement TrainingHub knows of for {Rules.Name}."
        : Unmet == 1 ? "1 requirement still to meet." : $"{Unmet} requirements still to meet.";
}

/// <summary>
/// Credential eligibility: a pure function of one board's rules and a person's records. Only credited (signed-off)
/// hours count; pending hours are shown beside them. Gaps are exact, never rounded away.
/// </summary>
public static class Eligibility
{
    public static EligibilityResult Evaluate(CredentialRuleSet rules, PersonRecord person, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(person);
        var lines = person.Training.Select(t => new TrainingLine(t, rules.DomainFor(t), NotCountedBecause(rules, t, today))).ToList();
        var counted = lines.Where(l => l.Counts).ToList();
        var requirements = rules.Requirements.Select(r => Progress(rules, r, counted, person)).ToList();
        var constraints = rules.Constraints.Select(c => Outcome(rules, c, lines, today)).ToList();
        return new EligibilityResult(rules, requirements.All(r => r.Met) && constraints.All(c => c.Met), requirements, constraints, lines);
    }

    private static string? NotCountedBecause(CredentialRuleSet rules, TrainingRecord t, DateOnly today) =>
        rules.IsOtherCredentialsKey(t.DomainKey)
            ? "the institute assigned these hours to another credential's domain, so they count only for that credential"
            : FirstBroken(rules, t, today) switch
            {
                null => null,
                { Kind: ConstraintKind.CompletedOnOrAfter } c => $"completed before {DateText(c.Date!.Value)}",
                { Kind: ConstraintKind.WithinYears } c => $"completed more than {YearsText(c.Years)} ago",
                _ => NotApprovedReason(rules, t),
            };

    internal static string NotApprovedReason(CredentialRuleSet rules, TrainingRecord t) =>
        t.ApprovedFrom(rules.Board) is { } from && t.ProviderNumbers.ContainsKey(rules.Board)
            ? $"completed before {t.ProviderName}'s {rules.BoardName} approval began on {DateText(from)}"
            : $"{t.ProviderName} has no {rules.BoardName} approval number on record";

    private static bool IsApproved(CredentialRuleSet rules, TrainingRecord t) => t.ApprovedBy(rules.Board);

    private static RequirementProgress Progress(CredentialRuleSet rules, CredentialRequirement r, List<TrainingLine> counted, PersonRecord person)
    {
        switch (r.Kind)
        {
            case RequirementKind.TrainingHours:
                return Hours(r, "Training hours", "of training", counted.Select(l => l.Record));
            case RequirementKind.DomainHours:
                var domain = rules.Domains.First(d => d.Id == r.DomainId);
                return Hours(r, $"Training in {domain.Name}", $"of {domain.Name}", counted.Where(l => l.Domain?.Id == domain.Id).Select(l => l.Record));
            case RequirementKind.EthicsHours:
                return Hours(r, "Ethics training", "of ethics training", counted.Where(l => r.Tags.Contains(l.Record.DomainKey, StringComparer.Ordinal)).Select(l => l.Record));
            case RequirementKind.MedicationSupportedRecoveryHours:
                return Hours(r, "Medication-supported recovery training", "of medication-supported recovery training",
                    counted.Where(l => r.Tags.Contains(l.Record.DomainKey, StringComparer.Ordinal)).Select(l => l.Record));
            case RequirementKind.ExperienceHours:
                return Practicum(r, PracticumKind.Experience, "Practice hours (paid or volunteer peer work)", "of practice, signed off by a supervisor", person);
            case RequirementKind.SupervisionHours:
                return Practicum(r, PracticumKind.Supervision, "Supervision hours", "of supervision, signed off by a supervisor", person);
            case RequirementKind.ExamPassed:
                var passed = person.ExamsPassed.TryGetValue(r.ExamId!, out var on);
                return Done(r, $"{r.ExamName} passed", passed, passed ? $"Passed on {DateText(on)}" : "Not recorded yet",
                    $"Pass the {r.ExamName}. The institute records it when it sees the result.");
            case RequirementKind.CodeOfEthicsSigned when r.CodeId is { } codeId:
                var code = person.CodesSigned.GetValueOrDefault(codeId);
                return Done(r, "Code of ethics signed", code is not null,
                    code is null ? "Not signed yet" : $"Signed version {code.Version} on {DateText(DateOnly.FromDateTime(code.SignedAt))}",
                    $"Read and sign the code of ethics on its page. {rules.BoardName} counts it for this credential.");
            case RequirementKind.CodeOfEthicsSigned:
                var signed = person.CodesOfEthicsSigned.TryGetValue(rules.Id, out var at);
                return Done(r, "Code of ethics signed", signed, signed ? $"Signed on {DateText(DateOnly.FromDateTime(at))}" : "Not signed yet",
                    $"Sign the code of ethics of {rules.BoardName} for this credential.");
            case RequirementKind.TimeInRecovery:
                var answer = RecoveryAnswer(person, r.Years);
                return Done(r, $"At least {YearsText(r.Years)} in recovery (the person's own answer)", answer == true,
                    answer switch { true => "Answered yes", false => "Answered no", _ => "Not answered yet" },
                    answer is null
                        ? $"Answer yes or no: at least {YearsText(r.Years)} in recovery."
                        : $"This credential asks for at least {YearsText(r.Years)} in recovery. The answer can be changed at any time.");
            default:
                throw new ArgumentOutOfRangeException(nameof(r), r.Kind, "Unknown requirement kind.");
        }
    }

    /// <summary>The answer that decides a threshold: a yes to a longer time also answers a shorter one; else the answer given for this one.</summary>
    private static bool? RecoveryAnswer(PersonRecord person, int years)
    {
        if (person.RecoveryAnswers.Any(a => a.Key >= years && a.Value)) return true;
        return person.RecoveryAnswers.TryGetValue(years, out var answer) ? answer : null;
    }

    private static RequirementProgress Done(CredentialRequirement r, string title, bool met, string progress, string gap) =>
        new(r, title, met, progress, met ? null : gap, null, null, 0, []);

    private static RequirementProgress Hours(CredentialRequirement r, string title, string what, IEnumerable<TrainingRecord> records)
    {
        var list = records.ToList();
        var credited = list.Where(t => t.Status == HoursStatus.Credited).ToList();
        var counted = credited.Sum(t => t.Hours);
        var pending = list.Where(t => t.Status == HoursStatus.Pending).Sum(t => t.Hours);
        var parts = credited.GroupBy(t => t.Title).Select(g => new CountedPart(g.Key, g.Sum(t => t.Hours))).Where(p => p.Hours != 0).ToList();
        return HoursProgress(r, title, what, counted, Math.Max(0, pending), parts);
    }

    private static RequirementProgress Practicum(CredentialRequirement r, PracticumKind kind, string title, string what, PersonRecord person)
    {
        var entries = person.Practicum.Where(p => p.Kind == kind).ToList();
        var approved = entries.Where(p => p.Approved).ToList();
        var parts = approved.Count == 0 ? new List<CountedPart>()
            : [new CountedPart(approved.Count == 1 ? "1 signed-off log entry" : $"{approved.Count} signed-off log entries", approved.Sum(p => p.Hours))];
        return HoursProgress(r, title, what, approved.Sum(p => p.Hours), entries.Where(p => !p.Approved).Sum(p => p.Hours), parts);
    }

    private static RequirementProgress HoursProgress(CredentialRequirement r, string title, string what, decimal counted, decimal pending, IReadOnlyList<CountedPart> parts)
    {
        var gap = r.Hours - counted;
        var met = gap <= 0;
        return new RequirementProgress(r, title, met, $"{Number(counted)} of {Number(r.Hours)} hours", met ? null : $"{Number(gap)} more {(gap == 1 ? "hour" : "hours")} {what}",
            r.Hours, counted, pending, parts);
    }

    private static ConstraintOutcome Outcome(CredentialRuleSet rules, CredentialConstraint c, List<TrainingLine> lines, DateOnly today)
    {
        if (c.Kind == ConstraintKind.FaceToFaceShare) return FaceToFace(c, lines);
        var title = c.Kind switch
        {
            ConstraintKind.CompletedOnOrAfter => $"Training completed on or after {DateText(c.Date!.Value)}",
            ConstraintKind.WithinYears when c.Domains.Count > 0 =>
                $"{string.Join(" and ", c.Domains.Select(id => rules.Domains.FirstOrDefault(d => d.Id == id)?.Name ?? id))} training completed in the last {YearsText(c.Years)} (since {DateText(today.AddYears(-c.Years))})",
            ConstraintKind.WithinYears => $"Training completed in the last {YearsText(c.Years)} (since {DateText(today.AddYears(-c.Years))})",
            _ => c.Date is null
                ? $"Training from a provider approved by {rules.BoardName}"
                : $"Training from a provider approved by {rules.BoardName}, for training completed on or after {DateText(c.Date.Value)}",
        };
        // Each record is left out by the first rule it breaks, so each is shown once.
        var excluded = lines.Where(l => l.Record.Status == HoursStatus.Credited && ReferenceEquals(FirstBroken(rules, l.Record, today), c))
            .GroupBy(l => (l.Record.Title, l.NotCountedBecause)).Select(g => new CountedPart($"{g.Key.Title} ({g.Key.NotCountedBecause})", g.Sum(l => l.Record.Hours)))
            .Where(p => p.Hours != 0).ToList();
        var hours = excluded.Sum(p => p.Hours);
        var detail = hours == 0 ? "All your training so far meets this." : $"{HoursText(hours)} of training do not count for this credential because of this rule.";
        return new ConstraintOutcome(c, title, true, detail, null, excluded);
    }

    private static bool Breaks(CredentialRuleSet rules, CredentialConstraint c, TrainingRecord t, DateOnly today) => c.Kind switch
    {
        ConstraintKind.CompletedOnOrAfter => t.CompletedOn < c.Date,
        ConstraintKind.WithinYears => t.CompletedOn < today.AddYears(-c.Years)
            && (c.Domains.Count == 0 || (rules.DomainFor(t) is { } d && c.Domains.Contains(d.Id, StringComparer.Ordinal))),
        ConstraintKind.ApprovedProvider => (c.Date is null || t.CompletedOn >= c.Date) && !IsApproved(rules, t),
        _ => false,
    };

    internal static CredentialConstraint? FirstBroken(CredentialRuleSet rules, TrainingRecord t, DateOnly today) =>
        rules.Constraints.FirstOrDefault(c => Breaks(rules, c, t, today));

    private static ConstraintOutcome FaceToFace(CredentialConstraint c, List<TrainingLine> lines)
    {
        var credited = lines.Where(l => l.Counts && l.Record.Status == HoursStatus.Credited).Select(l => l.Record).ToList();
        var total = credited.Sum(t => t.Hours);
        var faceToFace = credited.Where(t => c.Deliveries.Contains(t.Delivery)).Sum(t => t.Hours);
        var how = string.Join(" or ", c.Deliveries.Select(DeliveryWords));
        var title = $"At least {c.Percent}% of training face to face ({how})";
        if (total <= 0)
        {
            return new ConstraintOutcome(c, title, false, "No training hours count yet.", $"At least {c.Percent}% of training hours must be face to face ({how}).", []);
        }
        // The share shown is rounded down, so 49.999% never reads as 50%.
        var share = Math.Floor(faceToFace * 10000m / total) / 100m;
        var detail = $"{Number(faceToFace)} of {Number(total)} training hours are face to face ({Number(share)}%).";
        if (faceToFace * 100 >= c.Percent * total)
        {
            return new ConstraintOutcome(c, title, true, detail, null, []);
        }
        if (c.Percent >= 100)
        {
            return new ConstraintOutcome(c, title, false, detail, $"All training hours must be face to face; {HoursText(total - faceToFace)} of training were not.", []);
        }
        // x more face-to-face hours reach the share when (f + x) / (t + x) >= p, so x >= (p t - f) / (1 - p), rounded up.
        var needed = (c.Percent * total - 100 * faceToFace) / (100 - c.Percent);
        needed = Math.Ceiling(needed * 100) / 100;
        return new ConstraintOutcome(c, title, false, detail, $"{Number(needed)} more {(needed == 1 ? "hour" : "hours")} of training face to face ({how})", []);
    }

    public static string DeliveryWords(HoursDelivery d) => d switch
    {
        HoursDelivery.InPerson => "in person",
        HoursDelivery.LiveVirtual => "live online",
        _ => "self-paced",
    };

    /// <summary>A number of hours exactly as it is: 1, 0.5, 15.25. Never rounded.</summary>
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string HoursText(decimal hours) => $"{Number(hours)} {(hours == 1 ? "hour" : "hours")}";

    public static string YearsText(int years) => years == 1 ? "1 year" : $"{years} years";

    public static string DateText(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// One credential in one line, for the top of a trainee's credentials page: met, or the biggest one or two gaps in plain
/// words, and why some of their hours do not count.
/// </summary>
public sealed record CredentialHeadline(string Name, bool Met, string Summary, IReadOnlyList<string> BiggestGaps, IReadOnlyList<string> NotCounting)
{
    public const int GapsShown = 2;

    /// <summary>Hours gaps first, biggest first; then what is not hours (an exam, a signature, an answer), in the board's order.</summary>
    public static CredentialHeadline For(EligibilityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var gaps = result.Requirements.Where(r => !r.Met && r.Gap is not null)
            .Select((r, order) => (Text: r.Gap!, Left: (r.Required ?? 0) - (r.Counted ?? 0), order))
            .Concat(result.Constraints.Where(c => !c.Met && c.Gap is not null).Select((c, order) => (Text: c.Gap!, Left: 0m, order: order + 1000)))
            .OrderByDescending(g => g.Left).ThenBy(g => g.order)
            .Take(GapsShown).Select(g => g.Text).ToList();
        var notCounting = result.Training.Where(l => !l.Counts && l.Record.Status == HoursStatus.Credited)
            .GroupBy(l => l.NotCountedBecause!)
            .Select(g => (Reason: g.Key, Hours: g.Sum(l => l.Record.Hours)))
            .Where(g => g.Hours > 0)
            .OrderByDescending(g => g.Hours)
            .Select(g => $"{Eligibility.HoursText(g.Hours)} of your training {(g.Hours == 1 ? "does" : "do")} not count: {g.Reason}.")
            .ToList();
        return new CredentialHeadline(result.Rules.Name, result.Eligible, result.Summary, gaps, notCounting);
    }
}
