using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Accounts;

/// <summary>The languages the site is written in: pages, e-mails and documents. The first is the default.</summary>
public static class SiteLanguages
{
    public const string English = "en";
    public const string Spanish = "es";

    public static readonly IReadOnlyList<string> All = [English, Spanish];

    /// <summary>Each language's name in itself, as a switch shows it to someone who may not read the current one.</summary>
    public static string NativeName(string code) => code switch
    {
        Spanish => "Español",
        _ => "English",
    };

    public static bool IsSupported(string? code) => code is not null && All.Contains(code);

    /// <summary>
    /// How dates, times and numbers are written for a language's readers (docs/decisions/0019-languages.md): Spanish as
    /// in the United States (es-US), where the people we train live and the boards read their records, so 0.75 hours is
    /// "0.75" in both languages and a time is "3:30 p. m."; dates are always written with the month's name.
    /// </summary>
    public static System.Globalization.CultureInfo Formats(string? code) =>
        System.Globalization.CultureInfo.GetCultureInfo(code == Spanish ? "es-US" : "en-US");
}

/// <summary>A signed-in person saves the language they read, so every page, e-mail and document follows it.</summary>
public static class ChooseLanguage
{
    public sealed record Command(string PersonId, string? Language) : ICommand, ITransactional;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Language).Must(SiteLanguages.IsSupported).WithMessage("Choose English or Español.");
        }
    }

    public sealed class Handler(TrainingHubDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var person = await db.Users.SingleOrDefaultAsync(u => u.Id == command.PersonId, ct)
                ?? throw new NotFoundException("There is no such account.");
            person.PreferredLanguage = command.Language;
            return Unit.Value;
        }
    }
}
