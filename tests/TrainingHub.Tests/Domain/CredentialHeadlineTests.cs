using TrainingHub.Domain;

namespace TrainingHub.Tests.Domain;

/// <summary>The one line a trainee reads first about each credential: met, or the biggest gaps, and why hours do not count.</summary>
public sealed class CredentialHeadlineTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly RuleSource Source = new("https://board.example.org/rules", Today, false, null);
    private static readonly IReadOnlyList<BoardDomain> Domains = [new("advocacy", "Advocacy", ["advocacy"]), new("ethical-responsibility", "Ethical Responsibility", ["ethical-responsibility"])];

    private static CredentialRuleSet Rules(CredentialRequirement[] requirements, params CredentialConstraint[] constraints) =>
        new("board-credential", "board", "The Board", "Peer Credential", "A credential for tests.", Source, [], Domains, requirements, constraints);

    private static TrainingRecord T(string tag, decimal hours, DateOnly? on = null, HoursStatus status = HoursStatus.Credited) =>
        new("Ethics for Recovery Coaches", tag, hours, status, HoursDelivery.InPerson, on ?? new DateOnly(2026, 11, 2), TrainingOrigin.Institute, "The Institute",
            new Dictionary<string, string>());

    private static PersonRecord Person(IEnumerable<TrainingRecord>? training = null, IEnumerable<PracticumRecord>? practicum = null, Dictionary<string, DateTime>? codes = null) =>
        new((training ?? []).ToList(), (practicum ?? []).ToList(), new Dictionary<string, DateOnly>(), codes ?? [], new Dictionary<int, bool>());

    private static readonly CredentialRequirement Training = new(RequirementKind.TrainingHours, Source) { Hours = 46 };
    private static readonly CredentialRequirement Practice = new(RequirementKind.ExperienceHours, Source) { Hours = 500 };
    private static readonly CredentialRequirement Supervision = new(RequirementKind.SupervisionHours, Source) { Hours = 25 };
    private static readonly CredentialRequirement Code = new(RequirementKind.CodeOfEthicsSigned, Source);

    public sealed record Case(CredentialRuleSet Rules, PersonRecord Person, bool Met, string[] Gaps, string[] NotCounting);

    public static TheoryData<string, Case> Cases() => new()
    {
        { "the two biggest hour gaps, biggest first, before what is not hours", new(Rules([Code, Supervision, Training, Practice]), Person([T("advocacy", 15)]), false,
            ["500 more hours of practice, signed off by a supervisor", "31 more hours of training"], []) },
        { "one gap left that is not hours", new(Rules([Training, Code]), Person([T("advocacy", 46)]), false,
            ["Sign the code of ethics of The Board for this credential."], []) },
        { "met: no gaps", new(Rules([Training]), Person([T("advocacy", 30), T("ethical-responsibility", 16)]), true, [], []) },
        { "hours outside the board's dates say why they do not count, credited ones only", new(
            Rules([Training], new CredentialConstraint(ConstraintKind.CompletedOnOrAfter, Source) { Date = new DateOnly(2020, 10, 1) }),
            Person([T("advocacy", 40), T("advocacy", 6, on: new DateOnly(2019, 3, 1)), T("advocacy", 2, on: new DateOnly(2019, 3, 1), status: HoursStatus.Pending)]), false,
            ["6 more hours of training"], ["6 hours of your training do not count: completed before 1 October 2020."]) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_headline_names_the_biggest_gaps_in_plain_words(string name, Case c)
    {
        var headline = CredentialHeadline.For(Eligibility.Evaluate(c.Rules, c.Person, Today));
        Assert.True(c.Met == headline.Met, name);
        Assert.Equal(c.Gaps, headline.BiggestGaps.Select(g => g.English));
        Assert.Equal(c.NotCounting, headline.NotCounting.Select(n => n.English));
        Assert.Equal("Peer Credential", headline.Name);
    }
}
