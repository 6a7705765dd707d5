using TrainingHub.Content;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Content;

public sealed class CodeOfEthicsLoaderTests : IDisposable
{
    private readonly ContentFolder _content = new ContentFolder().WithValidCourse();

    public void Dispose() => _content.Dispose();

    private static string Code(string id = "sample-code", string version = "\"1\"", int words = 320, string extra = "") => string.Join("\n",
        "---",
        $"id: {id}",
        "title: Sample Code of Ethics",
        $"version: {version}",
        "summary: A code for tests.",
        "statement: I have read this code and I will follow it.",
        "references:",
        "  - title: NAADAC Code of Ethics",
        "    url: https://www.naadac.org/code-of-ethics",
        "---",
        "",
        "# Sample Code of Ethics",
        "",
        ContentFolder.Words(words - 4),
        extra,
        "");

    [Fact]
    public void A_valid_code_loads_with_its_version_statement_references_and_a_hash_of_its_text()
    {
        _content.Write("codes/sample-code.md", Code());
        var result = CatalogLoader.Load(_content.Root);
        Assert.Empty(result.Problems);
        var code = Assert.Single(result.Catalog.Codes);
        Assert.Equal(("sample-code", "1", "I have read this code and I will follow it."), (code.Id, code.Version, code.Statement));
        Assert.Equal("NAADAC Code of Ethics", Assert.Single(code.References).Title);
        Assert.DoesNotContain("<h1", code.Html, StringComparison.Ordinal);
        Assert.Equal(64, code.ContentHash.Length);
        Assert.Same(code, result.Catalog.FindCode("sample-code"));
    }

    [Theory]
    [InlineData("other-id", "\"1\"", 320, "", "'id' is 'other-id' but the file is 'sample-code.md': they must be the same")]
    [InlineData("sample-code", "\"1\"", 120, "", "the code of ethics has 120 words; a code a person signs needs at least 300")]
    [InlineData("sample-code", "\"1\"", 320, "No addict is turned away.", "'addict' is stigmatising or unclear language; use a person in recovery")]
    public void A_code_with_a_problem_is_reported_with_the_file_and_the_reason(string id, string version, int words, string extra, string expected)
    {
        _content.Write("codes/sample-code.md", Code(id, version, words, extra));
        var problem = Assert.Single(CatalogLoader.Load(_content.Root).Problems);
        Assert.EndsWith("content/codes/sample-code.md", problem.File, StringComparison.Ordinal);
        Assert.Equal(expected, problem.Message);
    }

    [Fact]
    public void A_code_without_a_version_stops_start_up()
    {
        _content.Write("codes/sample-code.md", Code().Replace("version: \"1\"\n", "", StringComparison.Ordinal));
        var e = Assert.Throws<ContentException>(() => CatalogLoader.LoadOrThrow(_content.Root));
        Assert.Contains("'version' is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_rule_that_names_an_unknown_code_stops_start_up()
    {
        _content.Write("credentials/board-peer.yml", """
            id: board-peer
            board: board
            boardName: The Board
            name: Board Peer Credential
            summary: A credential for tests.
            source: https://board.example.org/peer
            checked: 2026-11-23
            requirements:
              - kind: code-of-ethics
                code: no-such-code
                source: https://board.example.org/peer
                checked: 2026-11-23
            """);
        _content.Write("codes/sample-code.md", Code());
        var problem = Assert.Single(CredentialRulesLoader.Load(_content.Root, ["advocacy"], ["sample-code"]).Problems);
        Assert.Equal((10, "unknown code of ethics 'no-such-code': it is not a file in content/codes/ (sample-code)"), (problem.Line, problem.Message));

        var named = CredentialRulesLoader.LoadOrThrow(_content.Root, ["advocacy"], ["sample-code", "no-such-code"]);
        Assert.Equal("no-such-code", Assert.Single(Assert.Single(named.All).Requirements).CodeId);
    }

    [Fact]
    public void The_shipped_code_of_ethics_loads_and_the_peer_credentials_name_it()
    {
        var root = DataPaths.FindContentFolder(AppContext.BaseDirectory);
        var catalog = CatalogLoader.LoadOrThrow(root);
        var code = Assert.Single(catalog.Codes);
        var rules = CredentialRulesLoader.LoadOrThrow(root, catalog.Domains.Select(d => d.Tag).ToList(), [code.Id]);
        foreach (var id in new[] { "icrc-pr", "ny-asap-nycb-crpa", "ny-asap-nycb-carc" })
        {
            Assert.Equal(code.Id, rules.Find(id)!.Requirements.Single(r => r.Kind == TrainingHub.Domain.RequirementKind.CodeOfEthicsSigned).CodeId);
        }
    }
}
