using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Infrastructure;
using TrainingHub.Jobs;
using TrainingHub.Web.Infrastructure;

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

    /// <summary>
    /// SQL Server cannot run on the test machine, so its storage's options are checked against Hangfire's recommended
    /// ones (docs.hangfire.io, "Using SQL Server"), with the invisibility timeout this site's options give.
    /// </summary>
    [Fact]
    public void The_sql_server_job_storage_uses_hangfires_recommended_options()
    {
        var options = JobsComposition.SqlServerStorageOptionsFor(new JobsOptions { InvisibilityTimeoutMinutes = 7 });

        Assert.Equal(TimeSpan.FromMinutes(7), options.SlidingInvisibilityTimeout);
        Assert.Equal(TimeSpan.Zero, options.QueuePollInterval);
        Assert.True(options.UseRecommendedIsolationLevel);
        Assert.True(options.DisableGlobalLocks);
        Assert.Equal(TimeSpan.FromMinutes(5), options.CommandBatchMaxTimeout);
    }
}
