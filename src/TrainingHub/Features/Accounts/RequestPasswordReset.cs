using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Accounts;

public static class RequestPasswordReset
{
    /// <param name="ResetPageUrl">Absolute address of the reset page; the email link adds the email and token to it.</param>
    public sealed record Command(string Email, string ResetPageUrl) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the email address you sign in with.")
                .EmailAddress().WithMessage("Enter an email address like name@example.org.");
            RuleFor(c => c.ResetPageUrl).Must(u => Uri.TryCreate(u, UriKind.Absolute, out _));
        }
    }

    /// <summary>Answers the same whether or not the account exists, so the form cannot be used to find out who has one.</summary>
    public sealed class Handler(UserManager<Person> users, IMailSender mail, AuditTrail audit, Data.TrainingHubDb db, IOptions<AccountOptions> accounts)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var person = await users.FindByEmailAsync(command.Email);
            if (person is null) return Unit.Value;

            var token = await users.GeneratePasswordResetTokenAsync(person);
            var link = $"{command.ResetPageUrl}?email={Uri.EscapeDataString(person.Email!)}&token={Uri.EscapeDataString(token)}";
            var hours = accounts.Value.PasswordResetLinkHours;
            await mail.SendAsync(new MailMessage(person.Email!, person.FullName, "Choose a new TrainingHub password",
                $"""
                Hello {person.FullName},

                Someone asked to reset the password of your TrainingHub account. If it was you, open this link
                within {hours} hours and choose a new password:

                {link}

                If you did not ask for this, you can ignore this email. Your password has not changed.
                """), ct);
            audit.Record(person.Id, AuditActions.PasswordResetRequested, $"person/{person.Id}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
