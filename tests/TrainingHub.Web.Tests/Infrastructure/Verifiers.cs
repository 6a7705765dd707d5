using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TrainingHub.Web.Tests.Infrastructure;

/// <summary>
/// Runs tools/verifiers/verify.mjs (jose, the 1EdTech JSON Schema with ajv, the DCC verifier-core, installed by
/// tools/test.sh with npm ci) on a file and returns the JSON line it prints.
/// </summary>
public static class Verifiers
{
    public static JsonObject Run(string check, string content)
    {
        var folder = Folder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException($"The verifiers are not installed. Run tools/test.sh, or: cd {folder} && npm ci");
        }
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, content);
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
            foreach (var argument in new[] { "verify.mjs", check, file }) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"verify.mjs {check} did not finish in 120 s.");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"verify.mjs {check} exited with {process.ExitCode}: {errors.Result}");
            // A library may log on stdout too (verifier-core's status check does): the answer is the last line.
            var text = output.Result.Trim();
            Console.WriteLine(text);   // the tool's own words, in the test log
            var line = text.Split('\n')[^1];
            return line.StartsWith('{') ? JsonNode.Parse(line)!.AsObject()
                : throw new InvalidOperationException($"verify.mjs {check} printed no JSON answer: {text}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrainingHub.sln"))) return Path.Combine(dir.FullName, "tools", "verifiers");
        }
        throw new InvalidOperationException("Cannot find the repository (TrainingHub.sln) above " + AppContext.BaseDirectory);
    }
}
