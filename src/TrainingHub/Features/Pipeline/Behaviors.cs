using System.Diagnostics;
using Microsoft.Extensions.Logging;
using FluentValidation;
using Mediator;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Pipeline;

/// <summary>
/// First in the pipeline: logs every request's name, outcome and duration (never its contents, which may be personal).
/// A request handled normally is logged at Debug (the site answers many heartbeats a second); one that took longer than
/// a second is a Warning, and refusals stay at Information.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var name = typeof(TMessage).FullName ?? typeof(TMessage).Name;
        try
        {
            var response = await next(message, cancellationToken);
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (milliseconds > SlowMilliseconds) Slow(logger, name, milliseconds);
            else Handled(logger, name, milliseconds);
            return response;
        }
        catch (ValidationException e)
        {
            Invalid(logger, name, e.Errors.Count());
            throw;
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            Refused(logger, name, e.GetType().Name);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failed(logger, e, name);
            throw;
        }
    }

    private const double SlowMilliseconds = 1000;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {Request} in {Milliseconds:0.0} ms")]
    private static partial void Handled(ILogger logger, string request, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handled {Request} in {Milliseconds:0.0} ms, which is slow")]
    private static partial void Slow(ILogger logger, string request, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} was refused by validation ({Count} errors)")]
    private static partial void Invalid(ILogger logger, string request, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} was refused: {Outcome}")]
    private static partial void Refused(ILogger logger, string request, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string request);
}

/// <summary>Second: runs every FluentValidation validator of the request; on failure the handler never runs, so nothing is written.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        return await next(message, cancellationToken);
    }
}

/// <summary>A request only an institute admin may send: the pipeline checks it before the handler, so no handler can forget.</summary>
public interface IInstituteAdminOnly
{
    string ActorId { get; }

    /// <summary>What someone else is told (a 403 page).</summary>
    string Refusal => "Only the institute can do this.";
}

/// <summary>Third: refuses an <see cref="IInstituteAdminOnly"/> request from anyone who is not an institute admin.</summary>
public sealed class SiteScopeBehavior<TMessage, TResponse>(Shared.SiteScope scope) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IInstituteAdminOnly admin && !await scope.IsInstituteAdminAsync(admin.ActorId, cancellationToken))
        {
            throw new Shared.ForbiddenException(admin.Refusal);
        }
        return await next(message, cancellationToken);
    }
}
