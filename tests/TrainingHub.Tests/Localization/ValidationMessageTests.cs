using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Localization;

namespace TrainingHub.Tests.Localization;

/// <summary>
/// Every message a validator or handler can show, and every text an e-mail or PDF asks for, is in the site's word lists in
/// English and Spanish (docs/decisions/0019-languages.md): a new message without a translation fails here.
/// </summary>
public sealed partial class ValidationMessageTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrainingHub.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(RepoRoot(), "src/TrainingHub.Web/Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public async Task Every_validator_message_has_an_English_entry_and_a_Spanish_translation()
    {
        await using var host = await TestHost.StartAsync();
        await using var scope = host.Scope();
        var validators = typeof(Words).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t))
            .ToList();
        Assert.True(validators.Count > 50, $"Only {validators.Count} validators were found.");

        var messages = new List<(string Validator, string Message)>();
        foreach (var type in validators)
        {
            var validator = (IValidator)ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
            foreach (var component in validator.CreateDescriptor().Rules.SelectMany(r => r.Components))
            {
                // A message written as a function of the value asks Words itself (the source scan below checks those texts).
                if (Field(component, "_errorMessageFactory") is not null) continue;
                if (Field(component, "_errorMessage") is string message) messages.Add((type.FullName!, message));
            }
        }
        Assert.True(messages.Count > 100, $"Only {messages.Count} messages were found.");

        var english = Read("SharedResource.resx");
        var spanish = Read("SharedResource.es.resx");
        var missing = messages.Where(m => !english.ContainsKey(m.Message) || !spanish.ContainsKey(m.Message)).Select(m => $"{m.Validator}: {m.Message}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Not translated: " + string.Join(" | ", missing));
        // FluentValidation's placeholders ({MaxLength}) survive translation, so the value still shows.
        var placeholders = messages.Select(m => m.Message).Distinct()
            .Where(m => !Named().Matches(m).Select(x => x.Value).Order().SequenceEqual(Named().Matches(spanish[m]).Select(x => x.Value).Order())).ToList();
        Assert.True(placeholders.Count == 0, "Placeholders differ: " + string.Join(" | ", placeholders));
    }

    [Fact]
    public void Every_text_the_application_asks_for_in_code_has_an_English_entry_and_a_Spanish_translation()
    {
        var src = Path.Combine(RepoRoot(), "src/TrainingHub");
        var asked = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => Asked().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(src, f), Key: m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal))))
            .ToList();
        Assert.True(asked.Count > 100, $"Only {asked.Count} texts were found.");
        var english = Read("SharedResource.resx");
        var spanish = Read("SharedResource.es.resx");
        var missing = asked.Where(a => !english.ContainsKey(a.Key) || !spanish.ContainsKey(a.Key)).Select(a => $"{a.File}: {a.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Not translated: " + string.Join(" | ", missing));
    }

    [Fact]
    public void A_validator_message_reaches_a_Spanish_reader_in_Spanish_with_its_value_and_an_English_reader_in_English()
    {
        TranslatedMessages.Install();
        var validator = new InlineValidator<string> { v => v.RuleFor(s => s).MaximumLength(3).WithMessage("Keep your note to {MaxLength} characters.") };
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es-MX");
            Assert.Equal("Escriba su nota en 3 caracteres como máximo.", Assert.Single(validator.Validate("abcd").Errors).ErrorMessage);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("Keep your note to 3 characters.", Assert.Single(validator.Validate("abcd").Errors).ErrorMessage);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static object? Field(object component, string name)
    {
        for (var type = component.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic) is { } field) return field.GetValue(component);
        }
        throw new InvalidOperationException($"FluentValidation's {component.GetType().Name} has no field {name}; check this test after an upgrade.");
    }

    [GeneratedRegex(@"\{[A-Za-z]+(?::[^{}]+)?\}")]
    private static partial Regex Named();

    [GeneratedRegex(@"(?:\b(?:words|theirs|Current|Words)\[|labels\.(?:Own|ForBoards|EnglishBeside)\(|\bPhrase\.(?:Of|Counted|Join)\(\s*)""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Asked();
}
