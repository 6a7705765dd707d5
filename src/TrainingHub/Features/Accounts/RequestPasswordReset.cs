using FluentValidation;
using Mediator;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Pipeline;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Accounts;

public static class RequestPasswordReset
{
    /// <param name="ResetPageUrl">Absolute address of the reset page; the email link adds the email and token to it.</param>
    public sealed record Command(string Email, string ResetPageUrl) : ICommand, ITransactional;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the email address you sign in with.")
                .EmailAddress().WithMessage("Enter an email address like name@example.org.");
            RuleFor(c => c.ResetPageUrl).Must(u => Uri.TryCreate(u, UriKind.Absolute, out _));
        }
    }

    /// <summary>
    /// Answers the same, and does the same work, whether or not the account exists, so neither the words nor the time
    /// taken tell anyone who has one: it only queues the request. Looking the account up, making the token and sending
    /// the e-mail happen after the commit (<see cref="PasswordResetEmail"/>).
    /// </summary>
    public sealed class Handler(Outbox.Outbox outbox, IRequestOrigin origin) : ICommandHandler<Command>
    {
        public ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            outbox.Add(new PasswordResetRequested(Guid.NewGuid(), command.Email, command.ResetPageUrl, origin.IpAddress));
            return ValueTask.FromResult(Unit.Value);
        }
    }
}
