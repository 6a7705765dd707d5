using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Jobs;

namespace TrainingHub.Web.Tests.Infrastructure;

public sealed class RecurringJobsTests
{
    [Theory]
    [InlineData(null, "0 * * * *")]
    [InlineData("15", "*/15 * * * *")]
    public void The_completion_reconciliation_runs_on_the_schedule_the_options_give(string? minutes, string cron)
    {
        using var site = new SiteFactory();
        if (minutes is not null) site.Settings["Jobs:CompletionReconciliationMinutes"] = minutes;
        _ = site.Server;

        using var connection = site.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == CompletionReconciliationJob.Id);
        Assert.Equal(cron, job.Cron);
        Assert.Equal(typeof(CompletionReconciliationJob), job.Job.Type);
    }
}
