using Npgsql;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Infrastructure;

public sealed class PostgreSqlConnectionTests
{
    [Fact]
    public void Settings_the_operator_left_out_are_filled_in_and_the_pool_is_sized_from_the_workers()
    {
        var built = new NpgsqlConnectionStringBuilder(TrainingHubServices.WithPostgreSqlDefaults("Host=db;Database=traininghub;Username=th", jobWorkerCount: 4));

        Assert.Equal(32, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
        Assert.Equal(TrainingHubServices.PostgreSqlPoolSize(4), built.MaxPoolSize);
        Assert.Equal(24, built.MaxPoolSize);
        Assert.Equal("db", built.Host);
        Assert.Equal("th", built.Username);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false;Maximum Pool Size=7")]
    [InlineData("Host=db;max auto prepare=0;NO RESET ON CLOSE=false;maximum pool size=7")]
    public void Settings_the_operator_gave_are_kept_however_they_are_spelled(string connectionString)
    {
        var built = new NpgsqlConnectionStringBuilder(TrainingHubServices.WithPostgreSqlDefaults(connectionString, jobWorkerCount: 4));

        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.False(built.NoResetOnClose);
        Assert.Equal(7, built.MaxPoolSize);
    }
}
