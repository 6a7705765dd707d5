namespace TrainingHub.Browser.Tests;

/// <summary>
/// The site's clock in a browser test: real time, plus however far the test has moved it on. Time keeps flowing, so
/// everything stamped by the site stays in order, and a test can let minutes pass in a moment.
/// </summary>
public sealed class MovableClock : TimeProvider
{
    private long _aheadTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _aheadTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _aheadTicks, by.Ticks);
}
