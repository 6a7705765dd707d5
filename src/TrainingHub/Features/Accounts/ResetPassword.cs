using Microsoft.AspNetCore.Identity;
using FluentValidation;
using Mediator;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Accounts;

public static class ResetPassword
{
    public sealed record Command(string Email, string Token, string Password, string ConfirmPassword) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().EmailAddress().WithMessage("This reset link is not complete. Ask for a new one.");
            RuleFor(c => c.Token).NotEmpty().WithMessage("This reset link is not complete. Ask for a new one.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter a new password.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords are not the same.");
        }
    }

    public sealed class Handler(UserManager<Person> users, AuditTrail audit, Data.TrainingHubDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var person = await users.FindByEmailAsync(command.Email)
                ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Token), "This reset link is not valid or has expired. Ask for a new one.")]);
            var result = await users.ResetPasswordAsync(person, command.Token, command.Password);
            if (!result.Succeeded)
            {
                var invalidToken = result.Errors.Any(e => e.Code == "InvalidToken");
                throw new ValidationException(result.Errors.Select(e => invalidToken
                    ? new FluentValidation.Results.ValidationFailure(nameof(Command.Token), "This reset link is not valid or has expired. Ask for a new one.")
                    : new FluentValidation.Results.ValidationFailure(nameof(Command.Password), e.Description)));
            }
            await users.SetLockoutEndDateAsync(person, null);
            await users.ResetAccessFailedCountAsync(person);
            audit.Record(person.Id, AuditActions.PasswordReset, $"person/{person.Id}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
