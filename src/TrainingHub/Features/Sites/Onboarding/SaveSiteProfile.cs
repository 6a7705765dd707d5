using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.People;

namespace TrainingHub.Features.Sites.Onboarding;

/// <summary>The coordinator fills in the site's profile: address, kind of programme and usual credential board.</summary>
public static partial class SaveSiteProfile
{
    public sealed record Command(string ActorId, Guid SiteId, string? StreetAddress, string? City, string? PostalCode, string? ProgrammeType, string? CredentialBoard)
        : ICommand;

    public sealed partial class Validator : AbstractValidator<Command>
    {
        public Validator(OnboardingGuide guide)
        {
            RuleFor(c => c.StreetAddress).NotEmpty().WithMessage("Enter the street address of the building where the training happens.")
                .MaximumLength(200).WithMessage("Keep the street address to 200 characters.");
            RuleFor(c => c.City).NotEmpty().WithMessage("Enter the town or city.")
                .MaximumLength(100).WithMessage("Keep the town or city to 100 characters.");
            RuleFor(c => c.PostalCode).NotEmpty().WithMessage("Enter the ZIP code.")
                .Must(z => z is null || ZipPattern().IsMatch(z.Trim())).WithMessage("Enter a ZIP code of 5 digits, like 10451 (or 10451-1234).");
            RuleFor(c => c.ProgrammeType).Must(p => guide.ProgrammeTypes.Any(t => t.Id == p)).WithMessage("Choose the kind of programme the site is.");
            RuleFor(c => c.CredentialBoard).Must(b => guide.CredentialBoards.Any(t => t.Id == b)).WithMessage("Choose the credential board the site's trainees usually apply to.");
        }

        [GeneratedRegex(@"^\d{5}(-\d{4})?$")]
        private static partial Regex ZipPattern();
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var site = await scope.RequireSiteAsync(command.ActorId, command.SiteId, SiteScope.CoordinatorRoles, ct);
            if (site.Status == SiteStatus.AwaitingReview)
            {
                throw SiteMembers.Invalid("", "The institute is reviewing your site, so its details cannot change now. Ask the institute to send it back if something is wrong.");
            }
            var profile = await db.SiteProfiles.SingleOrDefaultAsync(p => p.SiteId == site.Id, ct);
            if (profile is null)
            {
                profile = new SiteProfile { SiteId = site.Id };
                db.SiteProfiles.Add(profile);
            }
            profile.StreetAddress = command.StreetAddress!.Trim();
            profile.City = command.City!.Trim();
            profile.PostalCode = command.PostalCode!.Trim();
            profile.ProgrammeType = command.ProgrammeType;
            profile.CredentialBoard = command.CredentialBoard;
            profile.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            profile.UpdatedById = command.ActorId;
            audit.Record(command.ActorId, SiteAuditActions.ProfileSaved, $"site/{site.Id}", $"{profile.ProgrammeType}; board {profile.CredentialBoard}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
