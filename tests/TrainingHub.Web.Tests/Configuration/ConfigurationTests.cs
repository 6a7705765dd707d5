using System.Reflection;
using Microsoft.Extensions.Options;
using NJsonSchema;
using TrainingHub.Content;
using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Tests.Configuration;

public sealed class ConfigurationTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrainingHub.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }

    public static TheoryData<string> SettingsFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepoRoot(), "src"), "appsettings*.json", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(RepoRoot(), f));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SettingsFiles))]
    public async Task Every_appsettings_file_points_at_the_schema_and_follows_it(string file)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoRoot(), "appsettings.schema.json"));
        var json = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), file));
        Assert.Contains("\"$schema\": \"../../appsettings.schema.json\"", json, StringComparison.Ordinal);
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task The_schema_refuses_an_unknown_key_and_a_wrong_value()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoRoot(), "appsettings.schema.json"));
        Assert.NotEmpty(schema.Validate("""{ "Database": { "Provider": "Oracle" } }"""));
        Assert.NotEmpty(schema.Validate("""{ "Accounts": { "LockoutMinuts": 5 } }"""));
    }

    [Fact]
    public async Task Every_options_property_is_documented_in_the_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoRoot(), "appsettings.schema.json"));
        var missing = new List<string>();
        foreach (var (section, type) in OptionsCatalog.All)
        {
            Check(schema.Properties.TryGetValue(section, out var s) ? s : null, type, section, missing);
        }
        Assert.True(missing.Count == 0, "Not in appsettings.schema.json: " + string.Join(", ", missing));

        static void Check(JsonSchema? node, Type type, string path, List<string> missing)
        {
            if (node is null) { missing.Add(path); return; }
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var key = $"{path}:{p.Name}";
                if (!node.Properties.TryGetValue(p.Name, out var child)) { missing.Add(key); continue; }
                if (p.PropertyType.IsClass && p.PropertyType.Namespace == typeof(OptionsCatalog).Namespace) Check(child, p.PropertyType, key, missing);
            }
        }
    }

    [Fact]
    public void A_bad_configuration_value_stops_start_up_naming_the_key()
    {
        using var factory = new SiteFactory();
        factory.Settings["Accounts:LockoutMinutes"] = "0";
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var validation = Assert.IsType<OptionsValidationException>(e is OptionsValidationException ? e : e.InnerException ?? e.GetBaseException());
        Assert.Contains(validation.Failures, f => f.StartsWith("Accounts:LockoutMinutes:", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_content_stops_start_up_naming_the_file_and_line()
    {
        var temp = Directory.CreateTempSubdirectory("traininghub-badcontent-").FullName;
        var content = Path.Combine(temp, "content");
        try
        {
            Directory.CreateDirectory(Path.Combine(content, "courses", "broken"));
            File.WriteAllText(Path.Combine(content, "domains.yml"), "- tag: advocacy\n  name: Advocacy\n");
            File.WriteAllText(Path.Combine(content, "courses", "broken", "course.yml"), "id: broken\ntitle: Broken\nversion: \"1\"\nhours: 1.1\n");
            using var factory = new SiteFactory();
            factory.Settings["Content:Path"] = content;
            var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            var contentError = e as ContentException ?? e.GetBaseException() as ContentException
                ?? throw new Xunit.Sdk.XunitException("start-up failed without a content error: " + e);
            Assert.Contains("content/courses/broken/course.yml:4: 'hours' must be a positive number of quarter hours", contentError.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
