using Microsoft.Extensions.Time.Testing;

namespace TrainingHub.Testing;

public static class Clocks
{
    /// <summary>
    /// A clock for a site a browser drives: it starts now and moves a millisecond on each reading, so everything the site
    /// stamps stays in order, and the test moves it on by minutes with <see cref="FakeTimeProvider.Advance"/>.
    /// </summary>
    public static FakeTimeProvider Ticking() => new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    extension(FakeTimeProvider clock)
    {
        public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

        public void AdvanceSeconds(double seconds) => clock.Advance(TimeSpan.FromSeconds(seconds));
    }
}
