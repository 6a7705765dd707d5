using TrainingHub.Content;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Content;

public sealed class TrainingCoverageTests : IDisposable
{
    private readonly ContentFolder _content = new();

    public void Dispose() => _content.Dispose();

    private const string Credential = """
        id: board-peer
        board: board
        boardName: The Board
        name: Board Peer Credential
        summary: A credential for tests.
        source: https://board.example.org/peer
        checked: 2026-11-23
        domains:
          - id: advocacy
            name: Advocacy
            from: [advocacy]
          - id: ethics
            name: Ethical Responsibility
            from: [ethical-responsibility]
        requirements:
          - kind: training-hours
            hours: 0.5
            source: https://board.example.org/peer
            checked: 2026-11-23
          - kind: domain-hours
            domain: advocacy
            hours: 0.25
            source: https://board.example.org/peer
            checked: 2026-11-23
          - kind: domain-hours
            domain: ethics
            hours: 0.5
            source: https://board.example.org/peer
            checked: 2026-11-23
          - kind: experience-hours
            hours: 500
            source: https://board.example.org/peer
            checked: 2026-11-23
        """;

    private (IReadOnlyList<TrainingCoverage.Report> Reports, List<ContentProblem> Problems) Cover(string targets)
    {
        _content.WithValidCourse();
        _content.Write("courses/sample/01-basics/01-first.md", ContentFolder.LiveLesson("sample-first", 0.5m)
            .Replace("domains: [advocacy]", "domains: { advocacy: 0.25, ethical-responsibility: 0.25 }", StringComparison.Ordinal));
        _content.Write("credentials/board-peer.yml", Credential);
        _content.Write(TrainingCoverage.TargetsFile, targets);
        var catalog = CatalogLoader.LoadOrThrow(_content.Root);
        var rules = CredentialRulesLoader.LoadOrThrow(_content.Root, catalog.Domains.Select(d => d.Tag).ToList());
        var problems = new List<ContentProblem>();
        var loaded = TrainingCoverage.LoadTargets(_content.Root, rules, problems);
        return (TrainingCoverage.AllCoursesCompleted(catalog, rules, loaded), problems);
    }

    [Fact]
    public void Each_domain_gets_its_part_of_a_split_lesson_and_an_unmet_target_shows_the_exact_gap()
    {
        var (reports, problems) = Cover("targets: [board-peer]");
        Assert.Empty(problems);
        var report = Assert.Single(reports);
        Assert.True(report.Target);
        Assert.False(report.Met);
        // Only training requirements are judged: practice hours are the trainee's own, not the courses'.
        Assert.Equal(["0.5 of 0.5 hours", "0.25 of 0.25 hours", "0.25 of 0.5 hours"], report.Training.Select(r => r.Progress));
        Assert.Equal("0.25 more hours of Ethical Responsibility", Assert.Single(report.Training, r => !r.Met).Gap);
    }

    [Fact]
    public void A_target_that_is_not_a_credential_is_a_problem()
    {
        var (reports, problems) = Cover("targets: [board-peer, nowhere]");
        Assert.Equal("'nowhere' is not a credential in credentials/", Assert.Single(problems).Message);
        Assert.True(Assert.Single(reports).Target);
    }

    [Fact]
    public void The_shipped_courses_meet_every_training_requirement_of_the_credentials_the_institute_targets()
    {
        var root = DataPaths.FindContentFolder(AppContext.BaseDirectory);
        var catalog = CatalogLoader.LoadOrThrow(root);
        var rules = CredentialRulesLoader.LoadOrThrow(root, catalog.Domains.Select(d => d.Tag).ToList());
        var problems = new List<ContentProblem>();
        var targets = TrainingCoverage.LoadTargets(root, rules, problems);
        Assert.Empty(problems);
        Assert.Contains("icrc-pr", targets);
        var reports = TrainingCoverage.AllCoursesCompleted(catalog, rules, targets);
        Assert.All(reports.Where(r => r.Target), r => Assert.True(r.Met, $"{r.Rules.Id}: {string.Join("; ", r.Training.Where(t => !t.Met).Select(t => t.Gap))}"));
        var icrc = reports.Single(r => r.Rules.Id == "icrc-pr");
        Assert.Equal(4, icrc.Training.Count(t => t.Requirement.Kind == TrainingHub.Domain.RequirementKind.DomainHours));
    }
}
