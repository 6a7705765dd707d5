using System.Diagnostics;

namespace TrainingHub.Testing;

/// <summary>
/// Runs the Debian tools that read a certificate back the way a person's software would: poppler-utils (pdftotext,
/// pdftoppm, pdfinfo) and zbar-tools (zbarimg). tools/test.sh installs them; a missing tool fails the test by name.
/// </summary>
public static class DebianTools
{
    private static readonly Dictionary<string, string> PackageOf = new(StringComparer.Ordinal)
    {
        ["pdftotext"] = "poppler-utils",
        ["pdftoppm"] = "poppler-utils",
        ["pdfinfo"] = "poppler-utils",
        ["zbarimg"] = "zbar-tools",
        ["pdffonts"] = "poppler-utils",
        ["qpdf"] = "qpdf",
    };

    public static string Run(string tool, params string[] arguments)
    {
        var executable = Find(tool) ?? throw new InvalidOperationException(
            $"'{tool}' is not installed. Run tools/test.sh, which installs it, or: apt-get install {PackageOf.GetValueOrDefault(tool, tool)}");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in 60 s.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors.Result}");
        }
        return output.Result;
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}

/// <summary>A temporary folder for one test's files, removed afterwards.</summary>
public sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("traininghub-certificates-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
