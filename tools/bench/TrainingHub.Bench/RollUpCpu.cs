using System.Diagnostics;
using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrainingHub.Data;
using TrainingHub.Features.Sites.Reports;
using TrainingHub.Infrastructure;

namespace TrainingHub.Bench;

/// <summary>
/// The institute roll-up through its handler, in process, on a data folder made by tools/bench/reports.sh
/// (<c>DATA_ROOT=/tmp/rb</c>): CPU and wall time of each run, the first one cold. Run it under <c>perf record</c> to
/// see where the time goes without the web server in the profile. <c>SHOW_SQL=1</c> prints the queries.
/// </summary>
public static class RollUpCpu
{
    public static async Task RunAsync(string folder, int runs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataFolder"] = folder });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("SHOW_SQL") == "1") builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        builder.Services.AddTrainingHubCore(builder.Configuration);
        builder.Services.AddTrainingHubAccountsWithoutSignIn(builder.Configuration);
        builder.Services.AddSingleton<IRequestOrigin, LocalOrigin>();
        using var host = builder.Build();
        string admin;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            admin = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Users.Where(u => u.Email == "admin@demo.traininghub.test").Select(u => u.Id).SingleAsync();
        }
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            await using var scope = host.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new InstituteReport.Query(admin));
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"roll-up {i + 1}{(i == 0 ? " (cold)" : "")}: {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s CPU, {wall.Elapsed.TotalSeconds:F2} s wall; {report.Total.Trainees} trainees, {report.Total.HoursCredited} h credited, {report.Total.HoursPending} h pending"));
        }
    }
}
