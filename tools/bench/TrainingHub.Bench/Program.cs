using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TrainingHub.Bench;
using TrainingHub.PdfLayout;

if (args is ["--cpu-per-certificate", ..])
{
    var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
    CpuPerCertificate(count);
    return;
}

if (args is ["--hangfire-certificates", ..])
{
    var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
    var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
    await HangfireIssuance.RunAsync(count, workers);
    return;
}

// Preparation for tools/bench/learning-record.sh (the load itself comes from wrk): see LearningRecordLoad.
// Provider (Sqlite or PostgreSql), data folder or connection string, trainees.
if (args is ["--learning-record-seed", var seedProvider, var seedTarget, var seedCount])
{
    await LearningRecordLoad.SeedAsync(seedProvider, seedTarget, int.Parse(seedCount, CultureInfo.InvariantCulture));
    return;
}

if (args is ["--learning-record-sessions", var baseUrl, var people, var attempts, var outFolder])
{
    await LearningRecordLoad.SessionsAsync(baseUrl, int.Parse(people, CultureInfo.InvariantCulture), int.Parse(attempts, CultureInfo.InvariantCulture), outFolder);
    return;
}

// Preparation for tools/bench/read-paths.sh: see ReadPathData.
if (args is ["--read-paths-seed", var readFolder, var readPeople])
{
    await ReadPathData.SeedAsync(readFolder, int.Parse(readPeople, CultureInfo.InvariantCulture));
    return;
}

// Data for tools/bench/reports.sh: provider (Sqlite or PostgreSql), data folder or connection string, trainees, hours rows.
if (args is ["--reports-seed", var provider, var target, var reportTrainees, var reportRows])
{
    await ReportData.SeedAsync(provider, target, int.Parse(reportTrainees, CultureInfo.InvariantCulture), long.Parse(reportRows, CultureInfo.InvariantCulture));
    return;
}

if (args is ["--rollup-cpu", var rollUpFolder, var rollUpRuns])
{
    await RollUpCpu.RunAsync(rollUpFolder, int.Parse(rollUpRuns, CultureInfo.InvariantCulture));
    return;
}

if (args is ["--heartbeat-handler-cpu", var hbPeople, var hbBeats])
{
    await HeartbeatHandlerCpu.RunAsync(int.Parse(hbPeople, CultureInfo.InvariantCulture), int.Parse(hbBeats, CultureInfo.InvariantCulture));
    return;
}

// In process: the benchmarks run inside this already-built Release program, so no second project is generated and
// restored (which would pick up the repository's central package management and warnings-as-errors).
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(Path.Combine("tools", "bench", "results"));
BenchmarkSwitcher.FromAssembly(typeof(CertificateBenchmarks).Assembly).Run(args, config);

// Process CPU time (every thread, the garbage collector included) over many certificates rendered one after another,
// each with its own name and code as in real issuance: the figure the 20 ms budget is about.
static void CpuPerCertificate(int count)
{
    Measure("Latin names", Enumerable.Range(0, count).Select(i => Certificates.Typical($"Terry Jackson {i}")).ToList());
    Measure("Cyrillic names", Enumerable.Range(0, count).Select(i => Certificates.Typical($"Анна Кузнецова {i}")).ToList());
}

static void Measure(string kind, List<CertificateContent> contents)
{
    for (var i = 0; i < 50; i++)
    {
        CertificatePdf.Render(contents[i % contents.Count]);
    }
    GC.Collect();
    GC.WaitForPendingFinalizers();

    using var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var gcBefore = GC.CollectionCount(0);
    var wall = Stopwatch.StartNew();
    long bytes = 0;
    foreach (var content in contents)
    {
        bytes += CertificatePdf.Render(content).Length;
    }
    wall.Stop();
    process.Refresh();
    var cpu = process.TotalProcessorTime - cpuBefore;
    var count = contents.Count;

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{kind}, {count} certificates: {cpu.TotalMilliseconds / count:F2} ms CPU and {wall.Elapsed.TotalMilliseconds / count:F2} ms wall each, " +
        $"{bytes / count / 1024.0:F1} KiB each, {GC.CollectionCount(0) - gcBefore} gen-0 collections"));
}
