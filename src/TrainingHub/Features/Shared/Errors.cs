namespace TrainingHub.Features.Shared;

/// <summary>The person asked for something outside their scope. Pages answer 403; the message is safe to show.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The thing asked for does not exist (or is not visible to the person). Pages answer 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);
