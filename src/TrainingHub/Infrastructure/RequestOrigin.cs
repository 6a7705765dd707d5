namespace TrainingHub.Infrastructure;

/// <summary>Where the current request comes from, for audit events (the web request's address, or the CLI).</summary>
public interface IRequestOrigin
{
    string? IpAddress { get; }
}

public sealed class LocalOrigin : IRequestOrigin
{
    public string? IpAddress => "local";
}
