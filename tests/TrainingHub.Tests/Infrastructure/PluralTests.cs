using System.Globalization;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Infrastructure;

public sealed class PluralTests
{
    [Theory]
    [InlineData("0", "0 items")]
    [InlineData("1", "1 item")]
    [InlineData("2", "2 items")]
    [InlineData("1.5", "1.5 items")]
    public void Exactly_one_takes_the_singular_and_every_other_count_the_plural(string count, string expected)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            Assert.Equal(expected, Plural.Format(decimal.Parse(count, CultureInfo.InvariantCulture), "{0} item", "{0} items"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
