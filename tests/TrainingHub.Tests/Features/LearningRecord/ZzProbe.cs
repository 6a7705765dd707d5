using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
namespace TrainingHub.Tests.Features.LearningRecord;
public sealed class ZzProbe(ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            await using var host = await LearningRecordHost.StartAsync();
            output.WriteLine($"start {sw.ElapsedMilliseconds} ms");
        }
        var sw2 = Stopwatch.StartNew();
        var catalog = TrainingHub.Content.CatalogLoader.LoadOrThrow(TrainingHub.Infrastructure.DataPaths.FindContentFolder(AppContext.BaseDirectory));
        output.WriteLine($"catalog {sw2.ElapsedMilliseconds} ms");
    }
}
