using Microsoft.AspNetCore.Identity;
using FluentValidation;
using Mediator;
using TrainingHub.Domain;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Accounts;

/// <summary>Creates an institute admin account (the first one comes from the CLI: there is no open self-registration).</summary>
public static class CreateAdmin
{
    public sealed record Command(string Email, string FullName, string Password, string? ActorId = null) : ICommand<string>, Pipeline.ITransactional;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter an email address.")
                .EmailAddress().WithMessage("Enter an email address like name@example.org.");
            RuleFor(c => c.FullName).NotEmpty().WithMessage("Enter the person's full name.").MaximumLength(200);
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter a password.");
        }
    }

    public sealed class Handler(UserManager<Person> users, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken ct)
        {
            if (await users.FindByEmailAsync(command.Email) is not null)
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Email), "An account with this email address already exists.")]);
            }
            var person = new Person
            {
                UserName = command.Email,
                Email = command.Email,
                EmailConfirmed = true,
                FullName = command.FullName.Trim(),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            IdentityErrors.ThrowIfFailed(await users.CreateAsync(person, command.Password), nameof(Command.Password));
            IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(person, Roles.InstituteAdmin), nameof(Command.Email));
            audit.Record(command.ActorId, AuditActions.AdminCreated, $"person/{person.Id}", command.Email);
            return person.Id;
        }
    }
}

internal static class IdentityErrors
{
    public static void ThrowIfFailed(IdentityResult result, string property)
    {
        if (result.Succeeded) return;
        throw new ValidationException(result.Errors.Select(e => new FluentValidation.Results.ValidationFailure(
property, e.Description)));
    }
}
