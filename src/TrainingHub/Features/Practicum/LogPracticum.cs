using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Practicum;

/// <summary>A trainee logs practice (experience) or supervision hours; they wait for a supervisor's sign-off. A resubmission names the entry it replaces.</summary>
public static class LogPracticum
{
    public sealed record Command(string PersonId, PracticumKind Kind, DateOnly? Date, decimal? Hours, string? Domain, string? Setting, string? Description,
        string? SupervisorName, Guid? ResubmitsId = null, Guid? SiteId = null) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CourseCatalog catalog, TimeProvider clock)
        {
            RuleFor(c => c.Date).NotNull().WithMessage("Enter the date of the hours.")
                .Must(d => d is null || d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1)).WithMessage("The date cannot be in the future.")
                .Must(d => d is null || d >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-10)).WithMessage("The date is more than 10 years ago; check it.");
            RuleFor(c => c.Hours).NotNull().WithMessage("Enter the number of hours.")
                .Must(h => h is null or > 0 and <= 12).WithMessage("Enter between 0.25 and 12 hours for one day.")
                .Must(h => h is null || h % 0.25m == 0).WithMessage("Enter hours in quarter hours, for example 1.5 or 2.25.");
            RuleFor(c => c.Domain).Must(d => catalog.Domains.Any(x => x.Tag == d)).WithMessage("Choose the domain these hours were about.");
            RuleFor(c => c.Description).NotEmpty().WithMessage("Describe in a few words what you did.").MaximumLength(1000);
            RuleFor(c => c.Setting).MaximumLength(200);
            RuleFor(c => c.SupervisorName).NotEmpty().When(c => c.Kind == PracticumKind.Supervision)
                .WithMessage("Enter the name of the supervisor who gave the supervision.").MaximumLength(200);
        }
    }

    public sealed class Handler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var sites = await db.SiteMemberships.AsNoTracking().Where(m => m.PersonId == command.PersonId && m.Role == Roles.Trainee)
                .Select(m => m.SiteId).Distinct().ToListAsync(ct);
            if (sites.Count == 0) throw new ForbiddenException("Practice and supervision hours are logged through your site. Ask your site coordinator to add you as a trainee.");
            if (command.ResubmitsId is { } previousId)
            {
                var previous = await db.PracticumEntries.AsNoTracking().SingleOrDefaultAsync(p => p.Id == previousId && p.PersonId == command.PersonId, ct)
                    ?? throw new NotFoundException("There is no such entry in your practicum log.");
                if (PracticumStatus.Of(db, previous.Id) is not (PracticumState.Rejected or PracticumState.Revoked))
                {
                    throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.ResubmitsId), "Only entries that were not signed off, or whose sign-off was withdrawn, can be sent again.")]);
                }
                if (await db.PracticumEntries.AnyAsync(p => p.ResubmitsId == previousId, ct))
                {
                    throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.ResubmitsId), "You have already sent this entry again.")]);
                }
            }
            // The entry belongs to one site, whose supervisors alone sign it off (docs/decisions/0012): an entry sent again
            // stays where the first was logged; a trainee of several sites says which one the hours were for.
            Guid site;
            if (command.ResubmitsId is { } replaced)
                site = await db.PracticumEntries.AsNoTracking().Where(p => p.Id == replaced).Select(p => p.SiteId).SingleAsync(ct);
            else if (command.SiteId is { } chosen)
                site = sites.Contains(chosen) ? chosen
                    : throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.SiteId), "Choose one of the sites where you are a trainee.")]);
            else
                site = sites.Count == 1 ? sites[0]
                    : throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.SiteId), "Choose the site these hours were for: its supervisors sign them off.")]);

            var entry = new PracticumEntry
            {
                Id = Guid.NewGuid(),
                PersonId = command.PersonId,
                SiteId = site,
                Kind = command.Kind,
                Date = command.Date!.Value,
                Hours = command.Hours!.Value,
                Domain = command.Domain!,
                Setting = string.IsNullOrWhiteSpace(command.Setting) ? null : command.Setting.Trim(),
                Description = command.Description!.Trim(),
                SupervisorName = command.Kind == PracticumKind.Supervision ? command.SupervisorName?.Trim() : null,
                ResubmitsId = command.ResubmitsId,
                LoggedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.PracticumEntries.Add(entry);
            audit.Record(command.PersonId, AuditActions.PracticumLogged, $"practicum/{entry.Id}", $"{entry.Kind} {entry.Hours} h on {entry.Date:yyyy-MM-dd}");
            await db.SaveChangesAsync(ct);
            return entry.Id;
        }
    }
}

public enum PracticumState { Pending, Approved, Rejected, Revoked }

/// <summary>A practicum entry's state, derived from the sign-offs about it (the entry itself never changes).</summary>
public static class PracticumStatus
{
    public static PracticumState Of(TrainingHubDb db, Guid entryId)
    {
        var decision = (from i in db.SignOffItems
                        join s in db.SignOffs on i.SignOffId equals s.Id
                        where i.Subject == SignOffSubject.Practicum && i.SubjectId == entryId
                        select new { s.Id, s.Decision }).AsNoTracking().SingleOrDefault();
        if (decision is null) return PracticumState.Pending;
        if (decision.Decision == SignOffDecision.Rejected) return PracticumState.Rejected;
        return db.SignOffRevocations.Any(r => r.SignOffId == decision.Id) ? PracticumState.Revoked : PracticumState.Approved;
    }
}
