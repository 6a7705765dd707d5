using TrainingHub.Localization;

namespace TrainingHub.Domain;

/// <summary>A credential a person holds, as the renewal rules see it: when it was awarded and, if the person knows, when it expires.</summary>
public sealed record HeldCredentialFacts(string CredentialId, DateOnly AwardedOn, DateOnly? ExpiresOn);

/// <summary>A renewal requirement's progress: the total, or one part such as ethics.</summary>
/// <param name="Part">The part's name as the board writes it (ethics), or null for the total.</param>
public sealed record RenewalLine(string? Part, decimal Required, decimal Counted)
{
    public bool Met => Counted >= Required;

    public decimal Gap => Math.Max(0, Required - Counted);

    public Phrase TitlePhrase => Part is null ? Phrase.Of("Continuing education") : Phrase.Of("{0} continuing education", Part);

    public string Title => TitlePhrase.English;

    public Phrase ProgressPhrase => Eligibility.HoursOf(Counted, Required);

    public string Progress => ProgressPhrase.English;

    public Phrase? GapPhrase => Met ? null
        : Part is null
            ? Phrase.Counted("{0, plural, one {{1} more hour of continuing education} other {{1} more hours of continuing education}}", Gap, Gap)
            : Phrase.Counted("{0, plural, one {{1} more hour of {2} continuing education} other {{1} more hours of {2} continuing education}}", Gap, Gap, Part.ToLowerInvariant());

    public string? GapText => GapPhrase?.English;
}

/// <summary>A training record as a renewal sees it: counted in this cycle, or why not.</summary>
public sealed record RenewalTrainingLine(TrainingRecord Record, Phrase? NotCountedPhrase)
{
    public bool Counts => NotCountedPhrase is null;

    public string? NotCountedBecause => NotCountedPhrase?.English;
}

/// <summary>
/// The current renewal cycle of a held credential: from <paramref name="CycleStart"/> to <paramref name="CycleEnd"/> (the day the
/// credential expires), the continuing education counted so far and what is still missing.
/// </summary>
public sealed record RenewalProgress(
    CredentialRuleSet Rules,
    HeldCredentialFacts Held,
    DateOnly CycleStart,
    DateOnly CycleEnd,
    int DaysLeft,
    IReadOnlyList<RenewalLine> Lines,
    IReadOnlyList<RenewalTrainingLine> Training)
{
    public bool Met => Lines.All(l => l.Met);

    public bool Expired => DaysLeft < 0;

    /// <summary>One plain sentence for the page and the reminder e-mail.</summary>
    public Phrase SummaryPhrase => Expired
        ? Phrase.Of("Your {0} expired on {1}. Ask {2} how to renew or reinstate it.", Rules.Name, CycleEnd, Rules.BoardName)
        : Met
            ? Phrase.Of("You have the continuing education {0} asks for this cycle. Renew before {1}.", Rules.BoardName, CycleEnd)
            : Phrase.Counted("{0, plural, one {# day left to renew (by {1}). Still needed: {2}.} other {# days left to renew (by {1}). Still needed: {2}.}}", DaysLeft,
                CycleEnd, Phrase.Join("{0}; {1}", Lines.Where(l => !l.Met).Select(l => l.GapPhrase!)));

    public string Summary => SummaryPhrase.English;
}

/// <summary>
/// Renewal: a pure function of a board's renewal rule, the credential a person holds and their training records. Only
/// training completed in the current cycle (on or after the award and the cycle's start, up to today) counts; institute
/// courses count only where the institute marked them as continuing education for the board.
/// </summary>
public static class Renewal
{
    /// <summary>Days before expiry at which a reminder goes out, each once.</summary>
    public static readonly IReadOnlyList<int> ReminderDays = [180, 90, 30];

    /// <summary>
    /// The cycle today falls in. With an expiry date, the cycle ends then and starts one cycle earlier (never before the
    /// award); without one, cycles run from the award date in steps of the board's cycle length.
    /// </summary>
    public static (DateOnly Start, DateOnly End) Cycle(RenewalRule rule, HeldCredentialFacts held, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(held);
        if (held.ExpiresOn is { } expires)
        {
            var start = expires.AddYears(-rule.CycleYears);
            return (start < held.AwardedOn ? held.AwardedOn : start, expires);
        }
        var cycleStart = held.AwardedOn;
        while (cycleStart.AddYears(rule.CycleYears) <= today) cycleStart = cycleStart.AddYears(rule.CycleYears);
        return (cycleStart, cycleStart.AddYears(rule.CycleYears));
    }

    /// <param name="continuingEducationCourses">Institute courses marked as continuing education for this credential's board.</param>
    public static RenewalProgress? Evaluate(CredentialRuleSet rules, HeldCredentialFacts held, PersonRecord person, IReadOnlyCollection<string> continuingEducationCourses, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(continuingEducationCourses);
        if (rules.Renewal is not { } rule) return null;
        var (start, end) = Cycle(rule, held, today);
        var approval = rules.Constraints.FirstOrDefault(c => c.Kind == ConstraintKind.ApprovedProvider);
        var lines = person.Training.Where(t => t.Status == HoursStatus.Credited)
            .Select(t => new RenewalTrainingLine(t, NotCountedBecause(rules, approval, t, held, start, end, today, continuingEducationCourses)))
            .ToList();
        var counted = lines.Where(l => l.Counts).Select(l => l.Record).ToList();
        var result = new List<RenewalLine> { new(null, rule.Hours, counted.Sum(t => t.Hours)) };
        result.AddRange(rule.Parts.Select(p => new RenewalLine(p.Name, p.Hours,
            counted.Where(t => p.FromTags.Contains(t.DomainKey, StringComparer.Ordinal)).Sum(t => t.Hours))));
        return new RenewalProgress(rules, held, start, end, end.DayNumber - today.DayNumber, result, lines);
    }

    private static Phrase? NotCountedBecause(CredentialRuleSet rules, CredentialConstraint? approval, TrainingRecord t, HeldCredentialFacts held, DateOnly start, DateOnly end,
        DateOnly today, IReadOnlyCollection<string> ceCourses)
    {
        if (t.CompletedOn < held.AwardedOn) return Phrase.Of("completed before the credential was awarded ({0})", held.AwardedOn);
        if (t.CompletedOn < start) return Phrase.Of("completed before this renewal cycle began ({0})", start);
        if (t.CompletedOn > end || t.CompletedOn > today) return Phrase.Of("completed after this renewal cycle");
        if (rules.IsOtherCredentialsKey(t.DomainKey)) return Phrase.Of("assigned to another credential's domain");
        if (t.Origin == TrainingOrigin.Institute && (t.CourseId is null || !ceCourses.Contains(t.CourseId)))
        {
            return Phrase.Of("the institute has not marked this course as continuing education for {0}", rules.BoardName);
        }
        if (approval is not null && (approval.Date is null || t.CompletedOn >= approval.Date) && !t.ApprovedBy(rules.Board))
        {
            return Eligibility.NotApprovedReason(rules, t);
        }
        return null;
    }

    /// <summary>The reminder due today, if any: the smallest threshold already reached, so a late-recorded credential gets one reminder, not three.</summary>
    public static int? ReminderDue(DateOnly expiresOn, DateOnly today)
    {
        var left = expiresOn.DayNumber - today.DayNumber;
        if (left < 0) return null;
        return ReminderDays.Where(d => left <= d).Order().Cast<int?>().FirstOrDefault();
    }
}
