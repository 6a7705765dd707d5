using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Content;

public sealed class CredentialRulesLoaderTests : IDisposable
{
    private readonly ContentFolder _content = new();

    private static readonly string[] Tags = ["advocacy", "ethical-responsibility"];

    public void Dispose() => _content.Dispose();

    private CredentialRulesLoader.Result Load() => CredentialRulesLoader.Load(_content.Root, Tags);

    /// <summary>A valid rule file, line by line, so a test can replace one line and know where the problem is.</summary>
    private static readonly string[] ValidLines =
    [
        "id: board-peer",                                   // 1
        "board: board",                                     // 2
        "boardName: The Board",                             // 3
        "name: Board Peer Credential",                      // 4
        "summary: A credential for tests.",                 // 5
        "source: https://board.example.org/peer",           // 6
        "checked: 2026-11-23",                              // 7
        "domains:",                                         // 8
        "  - id: ethics",                                   // 9
        "    name: Ethical Responsibility",                 // 10
        "    from: [ethical-responsibility]",               // 11
        "  - id: topics",                                   // 12
        "    name: Special Topics",                         // 13
        "    from: []",                                     // 14
        "requirements:",                                    // 15
        "  - kind: domain-hours",                           // 16
        "    domain: ethics",                               // 17
        "    hours: 16",                                    // 18
        "    source: https://board.example.org/peer",       // 19
        "    checked: 2026-11-23",                          // 20
        "  - kind: time-in-recovery",                       // 21
        "    years: 1",                                     // 22
        "    source: https://board.example.org/peer",       // 23
        "    unconfirmed: true",                            // 24
        "constraints:",                                     // 25
        "  - kind: face-to-face-share",                     // 26
        "    percent: 50",                                  // 27
        "    deliveries: [in-person, live-virtual]",        // 28
        "    source: https://board.example.org/peer",       // 29
        "    checked: 2026-11-23",                          // 30
    ];

    private void WriteRules(Func<string[], IEnumerable<string>>? change = null, string file = "board-peer.yml") =>
        _content.Write($"credentials/{file}", string.Join("\n", (change ?? (l => l))(ValidLines.ToArray())) + "\n");

    private static string[] Replace(string[] lines, int lineNumber, string text)
    {
        lines[lineNumber - 1] = text;
        return lines;
    }

    private ContentProblem SingleProblem()
    {
        var problems = Load().Problems;
        Assert.True(problems.Count == 1, "expected one problem, got: " + string.Join(" | ", problems));
        return problems[0];
    }

    [Fact]
    public void A_valid_rule_file_loads_with_its_sources_and_mapping()
    {
        WriteRules();
        var result = Load();
        Assert.Empty(result.Problems);
        var set = Assert.Single(result.Rules.All);
        Assert.Equal("board-peer", set.Id);
        Assert.Equal("ethics", set.DomainFor("ethical-responsibility")!.Id);
        Assert.Null(set.DomainFor("advocacy"));
        Assert.Equal("topics", set.DomainFor("board-peer/topics")!.Id);
        var hours = set.Requirements[0];
        Assert.Equal((RequirementKind.DomainHours, 16m, "ethics"), (hours.Kind, hours.Hours, hours.DomainId));
        Assert.Equal(new RuleSource("https://board.example.org/peer", new DateOnly(2026, 11, 23), false, null), hours.Source);
        Assert.True(set.Requirements[1].Source.Unconfirmed);
        Assert.Null(set.Requirements[1].Source.Checked);
        Assert.Equal(new[] { HoursDelivery.InPerson, HoursDelivery.LiveVirtual }, set.Constraints[0].Deliveries);
        Assert.Equal("board-peer/topics", Assert.Single(result.Rules.BoardOnlyDomains).Key);
    }

    [Fact]
    public void The_shipped_rule_files_load_with_no_problems()
    {
        var content = DataPaths.FindContentFolder(AppContext.BaseDirectory);
        var catalog = CatalogLoader.LoadOrThrow(content);
        var result = CredentialRulesLoader.Load(content, catalog.Domains.Select(d => d.Tag).ToList());
        Assert.True(result.Problems.Count == 0, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(new[] { "ct-ccb-cac", "ct-ccb-cprs", "icrc-pr", "ma-mbsacc-carc", "naadac-ncprss", "ny-asap-nycb-carc", "ny-asap-nycb-crpa" }, result.Rules.All.Select(s => s.Id));
        Assert.All(result.Rules.All.SelectMany(s => s.Requirements.Select(r => r.Source).Concat(s.Constraints.Select(c => c.Source))),
            source => Assert.True(source.Unconfirmed || source.Checked == new DateOnly(2026, 11, 23) || source.Checked == new DateOnly(2026, 12, 5),
                $"{source.Url} checked {source.Checked}: every confirmed rule was checked on one of the two review days"));
        Assert.Equal(16m, result.Rules.Find("icrc-pr")!.Requirements.Single(r => r.DomainId == "ethical-responsibility").Hours);
    }

    [Theory]
    [InlineData("naadac-ncprss", 2, 40)]
    [InlineData("ma-mbsacc-carc", 2, 20)]
    public void Renewals_no_board_page_states_are_shipped_marked_not_confirmed(string id, int years, int hours)
    {
        var content = DataPaths.FindContentFolder(AppContext.BaseDirectory);
        var catalog = CatalogLoader.LoadOrThrow(content);
        var renewal = CredentialRulesLoader.LoadOrThrow(content, catalog.Domains.Select(d => d.Tag).ToList()).Find(id)!.Renewal;
        Assert.NotNull(renewal);
        Assert.Equal((years, (decimal)hours, true), (renewal.CycleYears, renewal.Hours, renewal.Source.Unconfirmed));
        Assert.False(string.IsNullOrWhiteSpace(renewal.Source.Note));
    }

    [Theory]
    [InlineData(11, "    from: [ethical-responsibility, housing]", 11, "unknown domain 'housing': it is not in content/domains.yml")]
    [InlineData(17, "    domain: housing", 17, "unknown domain 'housing': it is not one of this file's domains (ethics, topics)")]
    [InlineData(18, "    hours: -3", 18, "'hours' must be a positive number of hours (at most two decimals), not -3")]
    [InlineData(18, "    hours: 0", 18, "'hours' must be a positive number of hours (at most two decimals), not 0")]
    [InlineData(22, "    years: -1", 22, "'years' must be a whole number from 1 to 50, not -1")]
    [InlineData(27, "    percent: 120", 27, "'percent' must be a whole number from 1 to 100, not 120")]
    [InlineData(19, "    note: the source was forgotten", 16, "'source' is missing")]
    [InlineData(19, "    source: board.example.org", 19, "'source' must be the full web address of the board's page, not 'board.example.org'")]
    [InlineData(20, "    note: no date", 16, "'checked' is missing")]
    [InlineData(20, "    checked: 23/11/2026", 20, "'checked' must be a date written like 2026-11-23, not '23/11/2026'")]
    [InlineData(16, "  - kind: course-hours", 16, "unknown requirement kind 'course-hours'")]
    [InlineData(28, "    deliveries: [in-person, by-post]", 28, "unknown delivery 'by-post'")]
    [InlineData(1, "id: other-name", 1, "'id' is 'other-name' but the file is 'board-peer.yml': they must be the same")]
    [InlineData(14, "    from: [ethical-responsibility]", 14, "our tag 'ethical-responsibility' already counts toward domain 'ethics'")]
    public void A_bad_rule_names_the_file_and_line(int line, string text, int problemLine, string message)
    {
        WriteRules(l => Replace(l, line, text));
        var problem = SingleProblem();
        Assert.Equal("content/credentials/board-peer.yml", problem.File);
        Assert.Equal(problemLine, problem.Line);
        Assert.Equal(ProblemKind.Structure, problem.Kind);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_rule_stops_start_up_with_the_file_and_line()
    {
        WriteRules(l => Replace(l, 18, "    hours: -16"));
        var e = Assert.Throws<ContentException>(() => CredentialRulesLoader.LoadOrThrow(_content.Root, Tags));
        Assert.Contains("content/credentials/board-peer.yml:18: 'hours' must be a positive number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unconfirmed_rule_may_leave_out_the_date_but_not_the_source()
    {
        WriteRules(l => Replace(l, 23, "    note: nobody knows"));
        var problem = SingleProblem();
        Assert.Equal((21, "'source' is missing"), (problem.Line, problem.Message));
    }

    [Fact]
    public void The_same_exam_must_have_the_same_name_in_every_file()
    {
        string[] Exam(string[] lines, string name) => [.. lines, "  - kind: exam", "    exam: peer-exam", $"    name: {name}", "    source: https://board.example.org/peer", "    checked: 2026-11-23"];
        WriteRules(l => Exam(l[..24], "Peer exam"));
        WriteRules(l => Exam(Replace(Replace(l, 1, "id: board-peer2"), 2, "board: board2")[..24], "The peer exam"), "board-peer2.yml");
        var problem = SingleProblem();
        Assert.Equal("content/credentials/board-peer2.yml", problem.File);
        Assert.Equal("exam 'peer-exam' is named 'Peer exam' in content/credentials/board-peer.yml: use the same name, or another exam id", problem.Message);
    }

    [Fact]
    public void Stigmatising_words_in_a_rule_file_fail_the_linter_but_not_start_up()
    {
        WriteRules(l => Replace(l, 5, "summary: A credential for addicts."));
        var problem = SingleProblem();
        Assert.Equal((5, ProblemKind.Editorial), (problem.Line, problem.Kind));
        Assert.Single(CredentialRulesLoader.LoadOrThrow(_content.Root, Tags).All);
    }

    [Fact]
    public void A_yaml_extension_is_refused_and_other_files_are_left_alone()
    {
        WriteRules(file: "board-peer.yaml");
        _content.Write("credentials/README.md", "Notes for the institute.");
        var problem = SingleProblem();
        Assert.Equal(("content/credentials/board-peer.yaml", 1), (problem.File, problem.Line));
        Assert.StartsWith("a credential rule file must be named like 'board-credential.yml'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_must_name_a_credential_rule_file_that_exists_and_stops_start_up_otherwise()
    {
        WriteRules(l => [.. l, "next: board-counselor"]);
        var problem = SingleProblem();
        Assert.Equal(("content/credentials/board-peer.yml", 31, ProblemKind.Structure), (problem.File, problem.Line, problem.Kind));
        Assert.StartsWith("'next' is 'board-counselor' but there is no credential rule file 'board-counselor.yml'", problem.Message, StringComparison.Ordinal);
        Assert.Throws<ContentException>(() => CredentialRulesLoader.LoadOrThrow(_content.Root, Tags));
    }

    [Fact]
    public void Next_naming_another_loaded_credential_is_kept()
    {
        WriteRules(l => [.. l, "next: board-counselor"]);
        WriteRules(l => Replace(Replace(l, 1, "id: board-counselor"), 4, "name: Board Counselor Credential"), "board-counselor.yml");
        Assert.Empty(Load().Problems);
        Assert.Equal("board-counselor", Load().Rules.Find("board-peer")!.Next);
    }

    [Fact]
    public void A_content_folder_without_credentials_offers_none()
    {
        var result = Load();
        Assert.Empty(result.Problems);
        Assert.Empty(result.Rules.All);
    }
}
