using System.Diagnostics;
using System.Net;
using TrainingHub.Features.Certificates.Verification;

namespace TrainingHub.Web.Tests.Configuration;

/// <summary>
/// Settings given the way an operator gives them on a server: environment variables of the site's own process
/// (issue 21 found /verify answering 429 with the verify limit raised through the environment).
/// </summary>
[Trait(Speed.Trait, Speed.Slow)]
public sealed class EnvironmentSettingsTests
{
    [Fact]
    public async Task The_verify_limit_set_through_the_environment_is_the_limit_the_site_process_applies()
    {
        var repository = Repository();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var site = Path.Combine(repository, "src", "TrainingHub.Web", "bin", configuration, "net10.0", "TrainingHub.Web.dll");
        var data = Directory.CreateTempSubdirectory("traininghub-env-").FullName;
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var address = $"http://127.0.0.1:{port}";

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Path.Combine(repository, "src", "TrainingHub.Web"), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { site, "--urls", address }) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__DataFolder"] = data;
        start.Environment["Jobs__RunServer"] = "false";
        start.Environment["DemoData__Enabled"] = "false";
        start.Environment["Institute__PublicBaseUrl"] = address;
        start.Environment["Certificates__VerifyRequestsPerMinute"] = "45";
        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilUpAsync(client, process, log);

            // The default is 20 a minute: 45 answers show the environment's value is the one in force, the 46th its limit.
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < 45; i++) answers.Add((await client.GetAsync($"/verify/{VerificationCode.New()}")).StatusCode);
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a));
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync($"/verify/{VerificationCode.New()}")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task WaitUntilUpAsync(HttpClient client, Process process, System.Text.StringBuilder log)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (process.HasExited) throw new InvalidOperationException("The site stopped while starting:\n" + log);
            try
            {
                if ((await client.GetAsync("/.well-known/jwks.json")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The site did not answer within 180 s:\n" + log);
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrainingHub.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository above " + AppContext.BaseDirectory);
    }
}
