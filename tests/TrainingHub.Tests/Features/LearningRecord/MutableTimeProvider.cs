namespace TrainingHub.Tests.Features.LearningRecord;

/// <summary>A clock the test moves by hand, so seat time, days and attempt order are exact.</summary>
public sealed class MutableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public void AdvanceSeconds(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    public void Set(DateTimeOffset at)
    {
        lock (_gate) _now = at;
    }
}
