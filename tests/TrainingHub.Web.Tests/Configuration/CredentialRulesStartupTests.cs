using TrainingHub.Content;

namespace TrainingHub.Web.Tests.Configuration;

public sealed class CredentialRulesStartupTests
{
    private static string RepoContent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var content = Path.Combine(dir.FullName, "content");
            if (File.Exists(Path.Combine(dir.FullName, "TrainingHub.sln")) && Directory.Exists(content)) return content;
        }
        throw new InvalidOperationException("repository content not found");
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    [Theory]
    [InlineData(11, "    from: [ethical-responsibility, housing]", 11, "unknown domain 'housing': it is not in content/domains.yml")]
    [InlineData(15, "    hours: -16", 15, "'hours' must be a positive number")]
    [InlineData(16, "    note: no source", 13, "'source' is missing")]
    public void A_bad_credential_rule_file_stops_start_up_naming_the_file_and_line(int lineToBreak, string text, int problemLine, string message)
    {
        var temp = Directory.CreateTempSubdirectory("traininghub-badrules-").FullName;
        try
        {
            var content = Path.Combine(temp, "content");
            Copy(RepoContent(), content);
            string[] lines =
            [
                "id: broken-board", "board: broken", "boardName: Broken Board", "name: Broken credential", "summary: Broken.",
                "source: https://broken.example.org", "checked: 2026-11-23",
                "domains:", "  - id: ethics", "    name: Ethics", "    from: [ethical-responsibility]",
                "requirements:", "  - kind: domain-hours", "    domain: ethics", "    hours: 16", "    source: https://broken.example.org", "    checked: 2026-11-23",
            ];
            lines[lineToBreak - 1] = text;
            File.WriteAllText(Path.Combine(content, "credentials", "broken-board.yml"), string.Join("\n", lines) + "\n");

            using var factory = new SiteFactory();
            factory.Settings["Content:Path"] = content;
            var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            var contentError = e as ContentException ?? e.GetBaseException() as ContentException
                ?? throw new Xunit.Sdk.XunitException("start-up failed without a content error: " + e);
            Assert.Contains($"content/credentials/broken-board.yml:{problemLine}: {message}", contentError.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
