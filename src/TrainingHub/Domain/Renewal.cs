namespace TrainingHub.Domain;

/// <summary>A credential a person holds, as the renewal rules see it: when it was awarded and, if the person knows, when it expires.</summary>
public sealed record HeldCredentialFacts(string CredentialId, DateOnly AwardedOn, DateOnly? ExpiresOn);

/// <summary>A renewal requirement's progress: the total, or one part such as ethics.</summary>
public sealed record RenewalLine(string Title, decimal Required, decimal Counted)
{
    public bool Met => Counted >= Required;

    public decimal Gap => Math.Max(0, Required - Counted);

    public string Progress => $"{Eligibility.Number(Counted)} of {Eligibility.Number(Required)} hours";

    public string? GapText => Met ? null : $"{Eligibility.Number(Gap)} more {(Gap == 1 ? "hour" : "hours")} of {Title.ToLowerInvariant()}";
}

/// <summary>A training record as a renewal sees it: counted in this cycle, or why not.</summary>
public sealed record RenewalTrainingLine(TrainingRecord Record, string? NotCountedBecause)
{
    public bool Counts => NotCountedBecause is null;
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
    public string Summary => Expired
        ? $"Your {Rules.Name} expired on {Eligibility.DateText(CycleEnd)}. Ask {Rules.BoardName} how to renew or reinstate it."
        : Met
            ? $"You have the continuing education {Rules.BoardName} asks for this cycle. Renew before {Eligibility.DateText(CycleEnd)}."
            : $"{DaysText(DaysLeft)} left to renew (by {Eligibility.DateText(CycleEnd)}). Still needed: {string.Join("; ", Lines.Where(l => !l.Met).Select(l => l.GapText))}.";

    public static string DaysText(int days) => days == 1 ? "1 day" : $"{days} days";
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
        var result = new List<RenewalLine> { new("Continuing education", rule.Hours, counted.Sum(t => t.Hours)) };
        result.AddRange(rule.Parts.Select(p => new RenewalLine($"{p.Name} continuing education", p.Hours,
            counted.Where(t => p.FromTags.Contains(t.DomainKey, StringComparer.Ordinal)).Sum(t => t.Hours))));
        return new RenewalProgress(rules, held, start, end, end.DayNumber - today.DayNumber, result, lines);
    }

    private static string? NotCountedBecause(CredentialRuleSet rules, CredentialConstraint? approval, TrainingRecord t, HeldCredentialFacts held, DateOnly start, DateOnly end,
        DateOnly today, IReadOnlyCollection<string> ceCourses)
    {
        if (t.CompletedOn < held.AwardedOn) return $"completed before the credential was awarded ({Eligibility.DateText(held.AwardedOn)})";
        if (t.CompletedOn < start) return $"completed before this renewal cycle began ({Eligibility.DateText(start)})";
        if (t.CompletedOn > end || t.CompletedOn > today) return "completed after this renewal cycle";
        if (rules.IsOtherCredentialsKey(t.DomainKey)) return "assigned to another credential's domain";
        if (t.Origin == TrainingOrigin.Institute && (t.CourseId is null || !ceCourses.Contains(t.CourseId)))
        {
            return $"the institute has not marked this course as continuing education for {rules.BoardName}";
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
