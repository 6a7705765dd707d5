using System.Globalization;
using TrainingHub.Localization;

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

/// <summary>Hours that counted (or did not) from one source.</summary>
/// <param name="Title">The training's title, the record's own words; empty when <paramref name="Said"/> says it all ("2 signed-off log entries").</param>
/// <param name="Said">Words of the site about the part: why it does not count, or what it is when it has no title.</param>
public sealed record CountedPart(string Title, decimal Hours, Phrase? Said = null)
{
    /// <summary>The part in English: "Title", "Title (why)" or what <see cref="Said"/> says.</summary>
    public string Label => Said is null ? Title : Title.Length == 0 ? Said.English : $"{Title} ({Said.English})";
}

/// <param name="TitlePhrase">The requirement in words ("Training in Ethics").</param>
/// <param name="ProgressPhrase">Where the person is, in words ("15 of 16 hours", "Signed on 3 March 2027").</param>
/// <param name="GapPhrase">What is still missing, in plain words; null when met.</param>
/// <param name="Pending">Hours of this kind waiting for a supervisor's sign-off: shown, never counted.</param>
public sealed record RequirementProgress(
    CredentialRequirement Requirement,
    Phrase TitlePhrase,
    bool Met,
    Phrase ProgressPhrase,
    Phrase? GapPhrase,
    decimal? Required,
    decimal? Counted,
    decimal Pending,
    IReadOnlyList<CountedPart> CountedFrom)
{
    public string Title => TitlePhrase.English;

    public string Progress => ProgressPhrase.English;

    public string? Gap => GapPhrase?.English;

    public Phrase? PendingPhrase => Pending > 0
        ? Phrase.Counted("{0, plural, one {{1} hour waiting for a supervisor's sign-off; it counts once signed off.} other {{1} hours waiting for a supervisor's sign-off; they count once signed off.}}", Pending, Pending)
        : null;

    public string? PendingNote => PendingPhrase?.English;
}

/// <param name="Met">A filter (dates, approved provider) is always met: what it leaves out is shown in <paramref name="Excluded"/>.</param>
public sealed record ConstraintOutcome(CredentialConstraint Constraint, Phrase TitlePhrase, bool Met, Phrase DetailPhrase, Phrase? GapPhrase, IReadOnlyList<CountedPart> Excluded)
{
    public string Title => TitlePhrase.English;

    public string Detail => DetailPhrase.English;

    public string? Gap => GapPhrase?.English;
}

/// <summary>A training record as one credential sees it: the board domain it counts toward, or why it does not count.</summary>
public sealed record TrainingLine(TrainingRecord Record, BoardDomain? Domain, Phrase? NotCountedPhrase)
{
    public bool Counts => NotCountedPhrase is null;

    public string? NotCountedBecause => NotCountedPhrase?.English;
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
    public Phrase SummaryPhrase => Eligible
        ? Rules.HasUnconfirmed
            ? Phrase.Of("You meet every requirement TrainingHub knows of for {0}. Some were not confirmed with the board: check them with {1} before you apply.", Rules.Name, Rules.BoardName)
            : Phrase.Of("You meet every requirement TrainingHub knows of for {0}.", Rules.Name)
        : Phrase.Counted("{0, plural, one {# requirement still to meet.} other {# requirements still to meet.}}", Unmet);

    public string Summary => SummaryPhrase.English;
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

    private static Phrase? NotCountedBecause(CredentialRuleSet rules, TrainingRecord t, DateOnly today) =>
        rules.IsOtherCredentialsKey(t.DomainKey)
            ? Phrase.Of("the institute assigned these hours to another credential's domain, so they count only for that credential")
            : FirstBroken(rules, t, today) switch
            {
                null => null,
                { Kind: ConstraintKind.CompletedOnOrAfter } c => Phrase.Of("completed before {0}", c.Date!.Value),
                { Kind: ConstraintKind.WithinYears } c => Phrase.Counted("{0, plural, one {completed more than # year ago} other {completed more than # years ago}}", c.Years),
                _ => NotApprovedReason(rules, t),
            };

    internal static Phrase NotApprovedReason(CredentialRuleSet rules, TrainingRecord t) =>
        t.ApprovedFrom(rules.Board) is { } from && t.ProviderNumbers.ContainsKey(rules.Board)
            ? Phrase.Of("completed before {0}'s {1} approval began on {2}", t.ProviderName, rules.BoardName, from)
            : Phrase.Of("{0} has no {1} approval number on record", t.ProviderName, rules.BoardName);

    private static bool IsApproved(CredentialRuleSet rules, TrainingRecord t) => t.ApprovedBy(rules.Board);

    private static RequirementProgress Progress(CredentialRuleSet rules, CredentialRequirement r, List<TrainingLine> counted, PersonRecord person)
    {
        switch (r.Kind)
        {
            case RequirementKind.TrainingHours:
                return Hours(r, Phrase.Of("Training hours"),
                    gap => Phrase.Counted("{0, plural, one {{1} more hour of training} other {{1} more hours of training}}", gap, gap), counted.Select(l => l.Record));
            case RequirementKind.DomainHours:
                var domain = rules.Domains.First(d => d.Id == r.DomainId);
                return Hours(r, Phrase.Of("Training in {0}", domain.Name), gap => Phrase.Counted("{0, plural, one {{1} more hour of {2}} other {{1} more hours of {2}}}", gap, gap, domain.Name),
                    counted.Where(l => l.Domain?.Id == domain.Id).Select(l => l.Record));
            case RequirementKind.EthicsHours:
                return Hours(r, Phrase.Of("Ethics training"), gap => Phrase.Counted("{0, plural, one {{1} more hour of ethics training} other {{1} more hours of ethics training}}", gap, gap),
                    counted.Where(l => r.Tags.Contains(l.Record.DomainKey, StringComparer.Ordinal)).Select(l => l.Record));
            case RequirementKind.MedicationSupportedRecoveryHours:
                return Hours(r, Phrase.Of("Medication-supported recovery training"),
                    gap => Phrase.Counted("{0, plural, one {{1} more hour of medication-supported recovery training} other {{1} more hours of medication-supported recovery training}}", gap, gap),
                    counted.Where(l => r.Tags.Contains(l.Record.DomainKey, StringComparer.Ordinal)).Select(l => l.Record));
            case RequirementKind.ExperienceHours:
                return Practicum(r, PracticumKind.Experience, Phrase.Of("Practice hours (paid or volunteer peer work)"),
                    gap => Phrase.Counted("{0, plural, one {{1} more hour of practice, signed off by a supervisor} other {{1} more hours of practice, signed off by a supervisor}}", gap, gap), person);
            case RequirementKind.SupervisionHours:
                return Practicum(r, PracticumKind.Supervision, Phrase.Of("Supervision hours"),
                    gap => Phrase.Counted("{0, plural, one {{1} more hour of supervision, signed off by a supervisor} other {{1} more hours of supervision, signed off by a supervisor}}", gap, gap), person);
            case RequirementKind.ExamPassed:
                var passed = person.ExamsPassed.TryGetValue(r.ExamId!, out var on);
                return Done(r, Phrase.Of("{0} passed", r.ExamName!), passed, passed ? Phrase.Of("Passed on {0}", on) : Phrase.Of("Not recorded yet"),
                    Phrase.Of("Pass the {0}. The institute records it when it sees the result.", r.ExamName!));
            case RequirementKind.CodeOfEthicsSigned when r.CodeId is { } codeId:
                var code = person.CodesSigned.GetValueOrDefault(codeId);
                return Done(r, Phrase.Of("Code of ethics signed"), code is not null,
                    code is null ? Phrase.Of("Not signed yet") : Phrase.Of("Signed version {0} on {1}", code.Version, DateOnly.FromDateTime(code.SignedAt)),
                    Phrase.Of("Read and sign the code of ethics on its page. {0} counts it for this credential.", rules.BoardName));
            case RequirementKind.CodeOfEthicsSigned:
                var signed = person.CodesOfEthicsSigned.TryGetValue(rules.Id, out var at);
                return Done(r, Phrase.Of("Code of ethics signed"), signed, signed ? Phrase.Of("Signed on {0}", DateOnly.FromDateTime(at)) : Phrase.Of("Not signed yet"),
                    Phrase.Of("Sign the code of ethics of {0} for this credential.", rules.BoardName));
            case RequirementKind.TimeInRecovery:
                var answer = RecoveryAnswer(person, r.Years);
                return Done(r, Phrase.Counted("{0, plural, one {At least # year in recovery (the person's own answer)} other {At least # years in recovery (the person's own answer)}}", r.Years),
                    answer == true,
                    answer switch { true => Phrase.Of("Answered yes"), false => Phrase.Of("Answered no"), _ => Phrase.Of("Not answered yet") },
                    answer is null
                        ? Phrase.Counted("{0, plural, one {Answer yes or no: at least # year in recovery.} other {Answer yes or no: at least # years in recovery.}}", r.Years)
                        : Phrase.Counted("{0, plural, one {This credential asks for at least # year in recovery. The answer can be changed at any time.} other {This credential asks for at least # years in recovery. The answer can be changed at any time.}}", r.Years));
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

    private static RequirementProgress Done(CredentialRequirement r, Phrase title, bool met, Phrase progress, Phrase gap) =>
        new(r, title, met, progress, met ? null : gap, null, null, 0, []);

    /// <param name="gap">The hours still missing, in words.</param>
    private static RequirementProgress Hours(CredentialRequirement r, Phrase title, Func<decimal, Phrase> gap, IEnumerable<TrainingRecord> records)
    {
        var list = records.ToList();
        var credited = list.Where(t => t.Status == HoursStatus.Credited).ToList();
        var counted = credited.Sum(t => t.Hours);
        var pending = list.Where(t => t.Status == HoursStatus.Pending).Sum(t => t.Hours);
        var parts = credited.GroupBy(t => t.Title).Select(g => new CountedPart(g.Key, g.Sum(t => t.Hours))).Where(p => p.Hours != 0).ToList();
        return HoursProgress(r, title, gap, counted, Math.Max(0, pending), parts);
    }

    private static RequirementProgress Practicum(CredentialRequirement r, PracticumKind kind, Phrase title, Func<decimal, Phrase> gap, PersonRecord person)
    {
        var entries = person.Practicum.Where(p => p.Kind == kind).ToList();
        var approved = entries.Where(p => p.Approved).ToList();
        var parts = approved.Count == 0 ? new List<CountedPart>()
            : [new CountedPart("", approved.Sum(p => p.Hours),
                Phrase.Counted("{0, plural, one {# signed-off log entry} other {# signed-off log entries}}", approved.Count))];
        return HoursProgress(r, title, gap, approved.Sum(p => p.Hours), entries.Where(p => !p.Approved).Sum(p => p.Hours), parts);
    }

    private static RequirementProgress HoursProgress(CredentialRequirement r, Phrase title, Func<decimal, Phrase> gapWords, decimal counted, decimal pending,
        IReadOnlyList<CountedPart> parts)
    {
        var gap = r.Hours - counted;
        var met = gap <= 0;
        return new RequirementProgress(r, title, met, HoursOf(counted, r.Hours), met ? null : gapWords(gap), r.Hours, counted, pending, parts);
    }

    /// <summary>"15 of 16 hours".</summary>
    public static Phrase HoursOf(decimal counted, decimal required) =>
        Phrase.Counted("{0, plural, one {{1} of {2} hour} other {{1} of {2} hours}}", required, counted, required);

    private static ConstraintOutcome Outcome(CredentialRuleSet rules, CredentialConstraint c, List<TrainingLine> lines, DateOnly today)
    {
        if (c.Kind == ConstraintKind.FaceToFaceShare) return FaceToFace(c, lines);
        var title = c.Kind switch
        {
            ConstraintKind.CompletedOnOrAfter => Phrase.Of("Training completed on or after {0}", c.Date!.Value),
            ConstraintKind.WithinYears when c.Domains.Count > 0 =>
                Phrase.Counted("{0, plural, one {{1} training completed in the last # year (since {2})} other {{1} training completed in the last # years (since {2})}}", c.Years,
                    Phrase.Join("{0} and {1}", c.Domains.Select(id => Phrase.Content(rules.Domains.FirstOrDefault(d => d.Id == id)?.Name ?? id))), today.AddYears(-c.Years)),
            ConstraintKind.WithinYears => Phrase.Counted("{0, plural, one {Training completed in the last # year (since {1})} other {Training completed in the last # years (since {1})}}",
                c.Years, today.AddYears(-c.Years)),
            _ => c.Date is null
                ? Phrase.Of("Training from a provider approved by {0}", rules.BoardName)
                : Phrase.Of("Training from a provider approved by {0}, for training completed on or after {1}", rules.BoardName, c.Date.Value),
        };
        // Each record is left out by the first rule it breaks, so each is shown once.
        var excluded = lines.Where(l => l.Record.Status == HoursStatus.Credited && ReferenceEquals(FirstBroken(rules, l.Record, today), c))
            .GroupBy(l => (l.Record.Title, l.NotCountedBecause)).Select(g => new CountedPart(g.Key.Title, g.Sum(l => l.Record.Hours), g.First().NotCountedPhrase))
            .Where(p => p.Hours != 0).ToList();
        var hours = excluded.Sum(p => p.Hours);
        var detail = hours == 0 ? Phrase.Of("All your training so far meets this.")
            : Phrase.Counted("{0, plural, one {{1} hour of training does not count for this credential because of this rule.} other {{1} hours of training do not count for this credential because of this rule.}}", hours, hours);
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
        var how = FaceToFaceWords(c.Deliveries);
        var title = Phrase.Of("At least {0}% of training face to face {1}", c.Percent, how);
        if (total <= 0)
        {
            return new ConstraintOutcome(c, title, false, Phrase.Of("No training hours count yet."), Phrase.Of("At least {0}% of training hours must be face to face {1}.", c.Percent, how), []);
        }
        // The share shown is rounded down, so 49.999% never reads as 50%.
        var share = Math.Floor(faceToFace * 10000m / total) / 100m;
        var detail = Phrase.Of("{0} of {1} training hours are face to face ({2}%).", faceToFace, total, share);
        if (faceToFace * 100 >= c.Percent * total)
        {
            return new ConstraintOutcome(c, title, true, detail, null, []);
        }
        if (c.Percent >= 100)
        {
            return new ConstraintOutcome(c, title, false, detail, Phrase.Counted(
                "{0, plural, one {All training hours must be face to face; {1} hour of training was not.} other {All training hours must be face to face; {1} hours of training were not.}}",
                total - faceToFace, total - faceToFace), []);
        }
        // x more face-to-face hours reach the share when (f + x) / (t + x) >= p, so x >= (p t - f) / (1 - p), rounded up.
        var needed = (c.Percent * total - 100 * faceToFace) / (100 - c.Percent);
        needed = Math.Ceiling(needed * 100) / 100;
        return new ConstraintOutcome(c, title, false, detail,
            Phrase.Counted("{0, plural, one {{1} more hour of training face to face {2}} other {{1} more hours of training face to face {2}}}", needed, needed, how), []);
    }

    /// <summary>The ways of delivery that count as face to face, in brackets: "(in person)", "(in person or live online)".</summary>
    private static Phrase FaceToFaceWords(IReadOnlyCollection<HoursDelivery> deliveries) =>
        deliveries.Count == 1 ? deliveries.Single() switch
        {
            HoursDelivery.InPerson => Phrase.Of("(in person)"),
            HoursDelivery.LiveVirtual => Phrase.Of("(live online)"),
            _ => Phrase.Of("(self-paced)"),
        }
        : deliveries.Count == 2 && deliveries.Contains(HoursDelivery.InPerson) && deliveries.Contains(HoursDelivery.LiveVirtual)
            ? Phrase.Of("(in person or live online)")
            : Phrase.Of("({0})", Phrase.Content(string.Join(" or ", deliveries.Select(DeliveryWords))));

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
public sealed record CredentialHeadline(string Name, bool Met, Phrase Summary, IReadOnlyList<Phrase> BiggestGaps, IReadOnlyList<Phrase> NotCounting)
{
    public const int GapsShown = 2;

    /// <summary>Hours gaps first, biggest first; then what is not hours (an exam, a signature, an answer), in the board's order.</summary>
    public static CredentialHeadline For(EligibilityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var gaps = result.Requirements.Where(r => !r.Met && r.GapPhrase is not null)
            .Select((r, order) => (Text: r.GapPhrase!, Left: (r.Required ?? 0) - (r.Counted ?? 0), order))
            .Concat(result.Constraints.Where(c => !c.Met && c.GapPhrase is not null).Select((c, order) => (Text: c.GapPhrase!, Left: 0m, order: order + 1000)))
            .OrderByDescending(g => g.Left).ThenBy(g => g.order)
            .Take(GapsShown).Select(g => g.Text).ToList();
        var notCounting = result.Training.Where(l => !l.Counts && l.Record.Status == HoursStatus.Credited)
            .GroupBy(l => l.NotCountedBecause!)
            .Select(g => (Reason: g.First().NotCountedPhrase!, Hours: g.Sum(l => l.Record.Hours)))
            .Where(g => g.Hours > 0)
            .OrderByDescending(g => g.Hours)
            .Select(g => Phrase.Counted("{0, plural, one {{1} hour of your training does not count: {2}.} other {{1} hours of your training do not count: {2}.}}", g.Hours, g.Hours, g.Reason))
            .ToList();
        return new CredentialHeadline(result.Rules.Name, result.Eligible, result.SummaryPhrase, gaps, notCounting);
    }
}
