using TrainingHub.Domain;

namespace TrainingHub.Tests.Domain;

/// <summary>Renewal cycles, continuing education that counts, provider-number dates and the ladder's gaps: pure rules, table-driven.</summary>
public sealed class RenewalTests
{
    private static readonly RuleSource Source = new("https://board.example.org/renewal", new DateOnly(2026, 12, 5), false, null);

    private static readonly RenewalRule TwoYears = new(2, 20, [new RenewalPart("Ethics", 6, ["ethical-responsibility"])], "Continuing education in the domains.", Source);

    private static CredentialRuleSet Rules(RenewalRule? renewal = null, params CredentialConstraint[] constraints) =>
        new("board-peer", "board", "The Board", "Peer Credential", "A credential for tests.", Source, [],
            [new("ethics", "Ethics", ["ethical-responsibility"]), new("advocacy", "Advocacy", ["advocacy"])],
            [new CredentialRequirement(RequirementKind.TrainingHours, Source) { Hours = 10 }], constraints) { Renewal = renewal ?? TwoYears };

    private static TrainingRecord Outside(string tag, decimal hours, DateOnly on) =>
        new("Provider: CE", tag, hours, HoursStatus.Credited, HoursDelivery.LiveVirtual, on, TrainingOrigin.Outside, "Provider", new Dictionary<string, string>());

    private static TrainingRecord Course(string courseId, string tag, decimal hours, DateOnly on, IReadOnlyDictionary<string, string>? numbers = null,
        IReadOnlyDictionary<string, DateOnly>? from = null) =>
        new("Ethics for Recovery Coaches", tag, hours, HoursStatus.Credited, HoursDelivery.InPerson, on, TrainingOrigin.Institute, "The Institute",
            numbers ?? new Dictionary<string, string>(), CourseId: courseId, ProviderApprovedFrom: from);

    private static PersonRecord Person(params TrainingRecord[] training) => PersonRecord.Empty with { Training = training };

    public sealed record CycleCase(DateOnly Awarded, DateOnly? Expires, DateOnly Today, DateOnly Start, DateOnly End, int DaysLeft);

    public static TheoryData<string, CycleCase> CycleCases() => new()
    {
        { "first cycle runs from the award", new(new(2025, 3, 1), null, new(2026, 12, 5), new(2025, 3, 1), new(2027, 3, 1), 86) },
        { "on the boundary a new cycle begins", new(new(2024, 12, 5), null, new(2026, 12, 5), new(2026, 12, 5), new(2028, 12, 5), 731) },
        { "the day before the boundary is still the old cycle", new(new(2024, 12, 6), null, new(2026, 12, 5), new(2024, 12, 6), new(2026, 12, 6), 1) },
        { "a later cycle, years after the award", new(new(2019, 6, 15), null, new(2026, 12, 5), new(2025, 6, 15), new(2027, 6, 15), 192) },
        { "the letter's expiry decides the end", new(new(2023, 1, 10), new(2027, 1, 31), new(2026, 12, 5), new(2025, 1, 31), new(2027, 1, 31), 57) },
        { "a first cycle shorter than the board's starts at the award", new(new(2026, 2, 1), new(2027, 1, 31), new(2026, 12, 5), new(2026, 2, 1), new(2027, 1, 31), 57) },
        { "expired", new(new(2022, 1, 1), new(2026, 11, 30), new(2026, 12, 5), new(2024, 11, 30), new(2026, 11, 30), -5) },
    };

    [Theory]
    [MemberData(nameof(CycleCases))]
    public void The_current_cycle_follows_the_award_date_or_the_letters_expiry(string name, CycleCase c)
    {
        var progress = Renewal.Evaluate(Rules(), new HeldCredentialFacts("board-peer", c.Awarded, c.Expires), PersonRecord.Empty, [], c.Today)!;
        Assert.True(c.Start == progress.CycleStart, $"{name}: start {progress.CycleStart}");
        Assert.Equal(c.End, progress.CycleEnd);
        Assert.Equal(c.DaysLeft, progress.DaysLeft);
        Assert.Equal(c.DaysLeft < 0, progress.Expired);
    }

    public sealed record CountCase(TrainingRecord[] Training, string[] CeCourses, decimal Total, decimal Ethics, bool Met, string? NotCounted = null);

    private static readonly DateOnly Awarded = new(2025, 6, 1);
    private static readonly DateOnly Today = new(2026, 12, 5);

    public static TheoryData<string, CountCase> CountCases() => new()
    {
        { "outside CE in the cycle counts", new([Outside("advocacy", 14, new(2026, 1, 10)), Outside("ethical-responsibility", 6, new(2026, 2, 1))], [], 20, 6, true) },
        { "ethics minimum: 20 hours but only 5 of ethics", new([Outside("advocacy", 15, new(2026, 1, 10)), Outside("ethical-responsibility", 5, new(2026, 2, 1))], [], 20, 5, false) },
        { "hours before the award do not count", new([Outside("ethical-responsibility", 6, new(2025, 5, 31)), Outside("advocacy", 4, new(2025, 6, 1))], [], 4, 0, false, "completed before the credential was awarded (1 June 2025)") },
        { "an institute course counts only when marked as CE for the board", new([Course("ethics", "ethical-responsibility", 6, new(2026, 3, 1)), Course("recovery-coach", "advocacy", 14, new(2026, 3, 2))], ["ethics"], 6, 6, false, "the institute has not marked this course as continuing education for The Board") },
        { "an elective counts toward the total only", new([Outside("elective", 14, new(2026, 1, 10)), Outside("ethical-responsibility", 6, new(2026, 2, 1))], [], 20, 6, true) },
        { "hours assigned to another credential's domain do not count", new([Outside("other-credential/hiv", 6, new(2026, 1, 10))], [], 0, 0, false, "assigned to another credential's domain") },
        { "training after today is not in the cycle yet", new([Outside("advocacy", 3, new(2026, 12, 6))], [], 0, 0, false, "completed after this renewal cycle") },
    };

    [Theory]
    [MemberData(nameof(CountCases))]
    public void Continuing_education_counts_only_in_the_cycle_and_where_the_board_accepts_it(string name, CountCase c)
    {
        var progress = Renewal.Evaluate(Rules(), new HeldCredentialFacts("board-peer", Awarded, null), Person(c.Training), c.CeCourses, Today)!;
        Assert.True(c.Total == progress.Lines[0].Counted, $"{name}: total {progress.Lines[0].Counted}");
        Assert.Equal(c.Ethics, progress.Lines[1].Counted);
        Assert.Equal(c.Met, progress.Met);
        if (c.NotCounted is not null) Assert.Contains(progress.Training, l => l.NotCountedBecause == c.NotCounted);
        else Assert.All(progress.Training, l => Assert.True(l.Counts));
    }

    [Fact]
    public void The_gap_is_said_in_hours_per_part()
    {
        var progress = Renewal.Evaluate(Rules(), new HeldCredentialFacts("board-peer", Awarded, null), Person(Outside("advocacy", 12, new(2026, 1, 10)), Outside("ethical-responsibility", 4.5m, new(2026, 2, 1))), [], Today)!;
        Assert.Equal("3.5 more hours of continuing education", progress.Lines[0].GapText);
        Assert.Equal("1.5 more hours of ethics continuing education", progress.Lines[1].GapText);
        Assert.Contains("178 days left to renew (by 1 June 2027)", progress.Summary);
    }

    public sealed record ReminderCase(DateOnly Expires, DateOnly Today, int? Due);

    public static TheoryData<string, ReminderCase> ReminderCases() => new()
    {
        { "more than 180 days out: none", new(new(2027, 6, 4), new(2026, 12, 5), null) },
        { "exactly 180 days: the 180-day reminder", new(new(2027, 6, 3), new(2026, 12, 5), 180) },
        { "between 90 and 180: still the 180-day one", new(new(2027, 3, 6), new(2026, 12, 5), 180) },
        { "exactly 90 days: the 90-day one", new(new(2027, 3, 5), new(2026, 12, 5), 90) },
        { "within 90 days: the 90-day one", new(new(2027, 3, 4), new(2026, 12, 5), 90) },
        { "recorded late, 20 days out: only the 30-day one", new(new(2026, 12, 25), new(2026, 12, 5), 30) },
        { "the expiry day itself", new(new(2026, 12, 5), new(2026, 12, 5), 30) },
        { "expired: none", new(new(2026, 12, 4), new(2026, 12, 5), null) },
    };

    [Theory]
    [MemberData(nameof(ReminderCases))]
    public void Reminders_go_out_at_180_90_and_30_days(string name, ReminderCase c) =>
        Assert.True(c.Due == Renewal.ReminderDue(c.Expires, c.Today), $"{name}: {Renewal.ReminderDue(c.Expires, c.Today)}");

    public sealed record ProviderCase(DateOnly CompletedOn, DateOnly? ApprovedFrom, bool Counts, string? Why = null);

    public static TheoryData<string, ProviderCase> ProviderCases() => new()
    {
        { "a number without a date counts for all training after the rule", new(new(2021, 1, 10), null, true) },
        { "training before the approval began does not count", new(new(2021, 1, 10), new(2022, 3, 1), false, "completed before The Institute's The Board approval began on 1 March 2022") },
        { "training on the approval's first day counts", new(new(2022, 3, 1), new(2022, 3, 1), true) },
        { "training before the rule's own date needs no approval", new(new(2020, 9, 30), new(2022, 3, 1), true) },
    };

    [Theory]
    [MemberData(nameof(ProviderCases))]
    public void A_provider_number_counts_from_the_day_the_approval_began(string name, ProviderCase c)
    {
        var rule = new CredentialConstraint(ConstraintKind.ApprovedProvider, Source) { Date = new DateOnly(2020, 10, 1) };
        var from = c.ApprovedFrom is { } d ? new Dictionary<string, DateOnly> { ["board"] = d } : null;
        var record = Course("ethics", "ethical-responsibility", 10, c.CompletedOn, new Dictionary<string, string> { ["board"] = "NY-123" }, from);
        var result = Eligibility.Evaluate(Rules(null, rule), Person(record), Today);
        var line = Assert.Single(result.Training);
        Assert.True(c.Counts == line.Counts, name);
        Assert.Equal(c.Why, line.NotCountedBecause);
        Assert.Equal(c.Counts, result.Eligible);
    }

    [Fact]
    public void Hours_assigned_to_one_credentials_board_domain_do_not_count_toward_another_credentials_total()
    {
        var result = Eligibility.Evaluate(Rules(), Person(Outside("other-credential/hiv", 10, new(2026, 1, 10)), Outside("board-peer/ethics", 2, new(2026, 1, 10))), Today);
        Assert.Equal("2 of 10 hours", result.Requirements[0].Progress);
        Assert.False(result.Training[0].Counts);
    }

    [Fact]
    public void A_within_years_rule_tied_to_domains_leaves_other_training_counting()
    {
        var rule = new CredentialConstraint(ConstraintKind.WithinYears, Source) { Years = 6, Domains = ["ethics"] };
        var result = Eligibility.Evaluate(Rules(null, rule), Person(Outside("advocacy", 8, new(2015, 1, 1)), Outside("ethical-responsibility", 6, new(2015, 1, 1))), Today);
        Assert.Equal("8 of 10 hours", result.Requirements[0].Progress);
        Assert.Equal("completed more than 6 years ago", result.Training[1].NotCountedBecause);
    }

    private static readonly CredentialRuleSet Peer = Rules() with { Id = "peer", Next = "counselor" };

    private static readonly CredentialRuleSet Counselor = new("counselor", "board", "The Board", "Counselor Credential", "The next rung.", Source, [],
        [new("ethics", "Ethics", ["ethical-responsibility"]), new("hiv", "HIV and AIDS", [])],
        [
            new CredentialRequirement(RequirementKind.TrainingHours, Source) { Hours = 360 },
            new CredentialRequirement(RequirementKind.DomainHours, Source) { Hours = 12, DomainId = "ethics" },
            new CredentialRequirement(RequirementKind.SupervisionHours, Source) { Hours = 300 },
            new CredentialRequirement(RequirementKind.ExperienceHours, Source with { Unconfirmed = true }) { Hours = 6000 },
            new CredentialRequirement(RequirementKind.ExamPassed, Source) { ExamId = "adc", ExamName = "ADC exam" },
        ], []);

    private static CredentialRuleSet? Find(string id) => id switch { "peer" => Peer, "counselor" => Counselor, _ => null };

    public sealed record LadderCase(string[] Held, string[] Chosen, TrainingRecord[] Training, bool Holds, string[] Gaps);

    public static TheoryData<string, LadderCase> LadderCases() => new()
    {
        { "holding the peer credential: everything of the counselor's is a gap", new(["peer"], [], [], true,
            ["Education hours|360 more hours of training", "Education hours|12 more hours of Ethics", "Supervised work|300 more hours of supervision, signed off by a supervisor",
             "Supervised work|6000 more hours of practice, signed off by a supervisor", "Exam|Pass the ADC exam. The institute records it when it sees the result."]) },
        { "ethics already taken shrinks the gap", new(["peer"], [], [Outside("ethical-responsibility", 16, new(2026, 1, 1))], true,
            ["Education hours|344 more hours of training", "Supervised work|300 more hours of supervision, signed off by a supervisor",
             "Supervised work|6000 more hours of practice, signed off by a supervisor", "Exam|Pass the ADC exam. The institute records it when it sees the result."]) },
        { "holding none: the chosen one closest to met leads", new([], ["peer"], [], false,
            ["Education hours|360 more hours of training", "Education hours|12 more hours of Ethics", "Supervised work|300 more hours of supervision, signed off by a supervisor",
             "Supervised work|6000 more hours of practice, signed off by a supervisor", "Exam|Pass the ADC exam. The institute records it when it sees the result."]) },
    };

    [Theory]
    [MemberData(nameof(LadderCases))]
    public void The_next_step_lists_what_the_next_credential_needs_beyond_what_the_person_has(string name, LadderCase c)
    {
        var person = Person(c.Training);
        var chosen = c.Chosen.Select(id => Eligibility.Evaluate(Find(id)!, person, Today)).ToList();
        var step = Ladder.Find(Find, c.Held, chosen, person, Today);
        Assert.NotNull(step);
        Assert.Equal("counselor", step.Next.Id);
        Assert.True(c.Holds == step.Holds, name);
        Assert.Equal(c.Gaps, step.Gaps.Select(g => $"{g.Group}|{g.Gap}"));
        Assert.Contains(step.Gaps, g => g.Unconfirmed);
    }

    [Fact]
    public void No_next_step_without_a_credential_on_a_ladder() =>
        Assert.Null(Ladder.Find(Find, ["counselor"], [], PersonRecord.Empty, Today));
}
