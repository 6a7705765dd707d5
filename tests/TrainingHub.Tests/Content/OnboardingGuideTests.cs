using TrainingHub.Content;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Content;

public sealed class OnboardingGuideTests : IDisposable
{
    private readonly ContentFolder _content = new();

    public void Dispose() => _content.Dispose();

    private const string Valid = """
        programmeTypes:
          - id: opioid-treatment-programme
            name: Opioid treatment programme
        credentialBoards:
          - id: icrc
            name: IC&RC Peer Recovery
        checklist:
          - id: peer-space
            title: A peer space in the building
            help: A private room.
            question: Where is it?
        """;

    [Fact]
    public void The_shipped_onboarding_file_loads_with_no_problems()
    {
        var result = OnboardingGuide.Load(DataPaths.FindContentFolder(AppContext.BaseDirectory));
        Assert.True(result.Problems.Count == 0, string.Join(Environment.NewLine, result.Problems));
        Assert.Contains(result.Guide.ProgrammeTypes, p => p.Id == "opioid-treatment-programme");
        Assert.Equal(["peer-space", "programme-champion", "peer-leaders", "facilitator-trained", "agreement-signed"], result.Guide.Checklist.Select(c => c.Id));
    }

    [Fact]
    public void A_valid_file_loads_its_choices_and_checklist()
    {
        _content.Write("onboarding.yml", Valid);
        var result = OnboardingGuide.Load(_content.Root);
        Assert.Empty(result.Problems);
        Assert.Equal("Where is it?", Assert.Single(result.Guide.Checklist).Question);
        Assert.Equal("IC&RC Peer Recovery", result.Guide.CredentialBoardName("icrc"));
    }

    [Theory]
    [InlineData("checklist:\n  - id: a\n    title: A\n    help: B\n    colour: red\n", 5, "unknown key 'colour'")]
    [InlineData("programmeTypes:\n  - id: otp\n    name: OTP\n  - id: otp\n    name: Again\n", 4, "choice id 'otp' is listed twice")]
    [InlineData("checklist:\n  - id: Peer Space\n    title: A\n    help: B\n", 2, "checklist item id 'Peer Space' must use lowercase letters, digits and dashes")]
    [InlineData("checklist:\n  - id: a\n    help: B\n", 2, "'title' is missing")]
    [InlineData("checklist: [\n", 0, "this is not valid YAML")]
    [InlineData("- just\n- a list\n", 1, "onboarding.yml must be a set of 'key: value' lines")]
    public void A_structural_problem_names_the_file_and_line(string yaml, int line, string message)
    {
        _content.Write("onboarding.yml", yaml);
        var result = OnboardingGuide.Load(_content.Root);
        Assert.Contains(result.Problems, p => p.File == "content/onboarding.yml" && (line == 0 || p.Line == line) && p.Message.Contains(message, StringComparison.Ordinal) && p.Kind == ProblemKind.Structure);
    }

    [Fact]
    public void A_bad_file_stops_start_up_with_the_file_and_line()
    {
        _content.Write("onboarding.yml", Valid.Replace("    question: Where is it?", "    question: Where is it?\n    owner: nobody", StringComparison.Ordinal));
        var e = Assert.Throws<ContentException>(() => OnboardingGuide.LoadOrThrow(_content.Root));
        Assert.Contains("content/onboarding.yml:12: unknown key 'owner'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_stops_start_up()
    {
        var e = Assert.Throws<ContentException>(() => OnboardingGuide.LoadOrThrow(_content.Root));
        Assert.Contains("content/onboarding.yml:1: onboarding.yml is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stigmatising_words_are_an_editorial_problem_for_the_linter()
    {
        _content.Write("onboarding.yml", Valid.Replace("A private room.", "A private room for addicts.", StringComparison.Ordinal));
        var result = OnboardingGuide.Load(_content.Root);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemKind.Editorial, problem.Kind);
        Assert.Equal(10, problem.Line);
        OnboardingGuide.LoadOrThrow(_content.Root);
    }
}
