using Microsoft.EntityFrameworkCore;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Credentials.Records;

/// <summary>An institute admin records that a person passed a board exam, on the date the result shows.</summary>
public static class RecordExamPass
{
    public sealed record Command(string ActorId, string? PersonEmail, string? ExamId, DateOnly? PassedOn) : ICommand<Guid>, IInstituteAdminOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(CredentialRuleBook rules, TimeProvider clock)
        {
            RuleFor(c => c.PersonEmail).NotEmpty().WithMessage("Enter the email address of the person who passed.").EmailAddress().WithMessage("Enter an email address like name@example.org.");
            RuleFor(c => c.ExamId).Must(id => rules.FindExam(id) is not null).WithMessage("Choose the exam from the list.");
            RuleFor(c => c.PassedOn).NotNull().WithMessage("Enter the date on the exam result.")
                .Must(d => d is null || d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).WithMessage("The date cannot be in the future.")
                .Must(d => d is null || d >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-30)).WithMessage("Check the date: it is more than 30 years ago.");
        }
    }

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var email = command.PersonEmail!.Trim();
            var person = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => new { u.Id, u.FullName }).SingleOrDefaultAsync(ct)
                ?? throw new ValidationException([new ValidationFailure(nameof(Command.PersonEmail), Localization.Words.Current["No one has an account with the email address {0}.", email])]);
            if (person.Id == command.ActorId) throw new ForbiddenException("You cannot record your own exam. Ask another institute admin.");
            if (await db.ExamPasses.AnyAsync(p => p.PersonId == person.Id && p.ExamId == command.ExamId && p.PassedOn == command.PassedOn
                                                  && !db.ExamPassWithdrawals.Any(w => w.ExamPassId == p.Id), ct))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.ExamId), Localization.Words.Current["This pass is already recorded for {0}.", person.FullName])]);
            }
            var pass = new ExamPass
            {
                Id = Guid.NewGuid(),
                PersonId = person.Id,
                ExamId = command.ExamId!,
                PassedOn = command.PassedOn!.Value,
                RecordedById = command.ActorId,
                RecordedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.ExamPasses.Add(pass);
            audit.Record(command.ActorId, AuditActions.ExamPassRecorded, $"exam-pass/{pass.Id}", $"{rules.FindExam(pass.ExamId)!.Name} passed on {pass.PassedOn:yyyy-MM-dd} by {person.Id}");
            await db.SaveChangesAsync(ct);
            return pass.Id;
        }
    }
}
