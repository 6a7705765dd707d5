using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;
using TrainingHub.Infrastructure;

namespace TrainingHub.Cli;

/// <summary>Operators' commands. Every command that changes data goes through the same handlers as the site.</summary>
public static class CliApp
{
    private const string Usage = """
        TrainingHub operators' commands

          lint-content [--content PATH]
              Check every course, module, lesson and quiz under content/, onboarding.yml and the credential
              rule files in content/credentials/ (structure and editorial rules).
          create-admin --email EMAIL --name "FULL NAME" [--password PASSWORD]
              Create an institute admin account. Without --password, the password is read from the
              TRAININGHUB_ADMIN_PASSWORD environment variable or asked for.
          migrate
              Bring the database to the latest migration.

        Configuration is read like the site's (appsettings.json, environment variables such as
        Database__Provider, or --Database:ConnectionString=...). Run from the repository root, the commands use
        the site's own data folder (src/TrainingHub.Web/App_Data).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var command = args[0];
        var options = ParseOptions(args[1..]);
        try
        {
            return command switch
            {
                "lint-content" => await LintAsync(options, output, error),
                "create-admin" => await CreateAdminAsync(options, output, error),
                "migrate" => await MigrateAsync(options, output),
                _ => await UnknownAsync(command, error),
            };
        }
        catch (ContentException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await error.WriteLineAsync("The configuration has problems: " + string.Join(" ", e.Failures));
            return 1;
        }
    }

    private static async Task<int> UnknownAsync(string command, TextWriter error)
    {
        await error.WriteLineAsync($"Unknown command '{command}'. Run with --help to see the commands.");
        return 2;
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var key = args[i][2..];
            var eq = key.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) result[key[..eq]] = key[(eq + 1)..];
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) result[key] = args[++i];
            else result[key] = "true";
        }
        return result;
    }

    private static async Task<int> LintAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var folder = options.TryGetValue("content", out var c) ? Path.GetFullPath(c) : DataPaths.FindContentFolder(Directory.GetCurrentDirectory());
        var result = CatalogLoader.Load(folder);
        var onboarding = OnboardingGuide.Load(folder);
        var credentials = CredentialRulesLoader.Load(folder, result.Catalog.Domains.Select(d => d.Tag).ToList(), result.Catalog.Codes.Select(c => c.Id).ToList());
        var problems = result.Problems.Concat(onboarding.Problems).Concat(credentials.Problems).ToList();
        var targets = TrainingCoverage.LoadTargets(folder, credentials.Rules, problems);
        foreach (var p in problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line))
        {
            await error.WriteLineAsync($"{p} [{(p.Kind == ProblemKind.Structure ? "structure" : "editorial")}]");
        }
        foreach (var course in result.Catalog.Courses)
        {
            var lessons = course.Lessons.ToList();
            await output.WriteLineAsync(
                $"{course.Id}: {course.Hours:0.##} h, {course.Modules.Count} modules, {lessons.Count} lessons " +
                $"({lessons.Count(l => l.Delivery == LessonDelivery.Live)} live, {lessons.Count(l => l.Delivery == LessonDelivery.SelfPaced)} self-paced), " +
                $"{course.Modules.Sum(m => m.Quiz?.Questions.Count ?? 0)} quiz questions, {lessons.Sum(l => l.WordCount)} words, hash {course.ContentHash[..12]}");
            var levels = lessons.Where(l => l.Reading is not null).OrderBy(l => l.Reading!.Grade).ToList();
            if (levels.Count > 0)
            {
                await output.WriteLineAsync(FormattableString.Invariant(
                    $"  reading level (Flesch-Kincaid grade): median {levels[levels.Count / 2].Reading!.Grade:0.0}, highest {levels[^1].Reading!.Grade:0.0} ({levels[^1].Id})"));
            }
        }
        foreach (var code in result.Catalog.Codes)
        {
            await output.WriteLineAsync($"codes/{code.Id}.md: version {code.Version}, {code.References.Count} references, hash {code.ContentHash[..12]}");
        }
        var guide = onboarding.Guide;
        await output.WriteLineAsync(
            $"{OnboardingGuide.FileName}: {guide.ProgrammeTypes.Count} programme types, {guide.CredentialBoards.Count} credential boards, {guide.Checklist.Count} checklist items");
        foreach (var set in credentials.Rules.All)
        {
            await output.WriteLineAsync(
                $"{CredentialRulesLoader.Folder}/{set.Id}.yml: {set.Requirements.Count} requirements, {set.Constraints.Count} constraints, " +
                $"{set.Domains.Count} board domains, {set.Requirements.Count(r => r.Source.Unconfirmed) + set.Constraints.Count(c => c.Source.Unconfirmed)} unconfirmed");
        }
        await output.WriteLineAsync("Training hours by credential, for a trainee who completes every published course:");
        foreach (var report in TrainingCoverage.AllCoursesCompleted(result.Catalog, credentials.Rules, targets))
        {
            await output.WriteLineAsync($"  {report.Rules.Id}{(report.Target ? " (targeted)" : "")}: {(report.Met ? "training requirements met" : "training requirements NOT met")}");
            foreach (var r in report.Training)
            {
                await output.WriteLineAsync($"    {(r.Met ? "met    " : "not met")} {r.Title}: {r.Progress}{(r.Gap is null ? "" : $" ({r.Gap})")}");
            }
            if (report.Target && !report.Met)
            {
                problems.Add(new ContentProblem(TrainingCoverage.TargetsFile, 1, ProblemKind.Editorial,
                    $"the courses do not meet the training requirements of {report.Rules.Id}, a credential the institute targets: " +
                    string.Join("; ", report.Training.Where(r => !r.Met).Select(r => r.Gap))));
                await error.WriteLineAsync($"{problems[^1]} [editorial]");
            }
        }
        await output.WriteLineAsync(problems.Count == 0 ? "Content is fine." : Plural.Format(problems.Count, "{0} problem found.", "{0} problems found."));
        return problems.Count == 0 ? 0 : 1;
    }

    private static async Task<int> CreateAdminAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("name", out var name))
        {
            await error.WriteLineAsync("create-admin needs --email and --name, for example: create-admin --email ana@example.org --name \"Ana Diaz\"");
            return 2;
        }
        var password = options.GetValueOrDefault("password") ?? Environment.GetEnvironmentVariable("TRAININGHUB_ADMIN_PASSWORD") ?? ReadPassword(output);
        using var host = BuildHost(options);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None);
        try
        {
            var id = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateAdmin.Command(email, name, password ?? ""));
            await output.WriteLineAsync($"Created institute admin {email} ({id}). They can sign in now.");
            return 0;
        }
        catch (ValidationException e)
        {
            foreach (var f in e.Errors) await error.WriteLineAsync($"{f.PropertyName}: {f.ErrorMessage}");
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(Dictionary<string, string> options, TextWriter output)
    {
        using var host = BuildHost(options);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().PrepareAsync(migrate: true, CancellationToken.None);
        await output.WriteLineAsync("The database is up to date.");
        return 0;
    }

    private static string? ReadPassword(TextWriter output)
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        output.Write("Password for the new admin (at least 12 characters): ");
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (chars.Count > 0) chars.RemoveAt(chars.Count - 1); continue; }
            chars.Add(key.KeyChar);
        }
        output.WriteLine();
        return new string(chars.ToArray());
    }

    /// <summary>A host like the site's: same options, same database, same handlers, without the web server.</summary>
    public static IHost BuildHost(Dictionary<string, string> options)
    {
        var repoWeb = Path.Combine(Directory.GetCurrentDirectory(), "src", "TrainingHub.Web");
        var contentRoot = options.GetValueOrDefault("content-root") ?? (Directory.Exists(repoWeb) ? repoWeb : Directory.GetCurrentDirectory());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production",
        });
        builder.Configuration.AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(contentRoot, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(options.Where(o => o.Key.Contains(':', StringComparison.Ordinal)).Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTrainingHubCore(builder.Configuration);
        builder.Services.AddSingleton<IRequestOrigin, LocalOrigin>();
        builder.Services.AddTrainingHubAccountsWithoutSignIn(builder.Configuration);
        return builder.Build();
    }
}
