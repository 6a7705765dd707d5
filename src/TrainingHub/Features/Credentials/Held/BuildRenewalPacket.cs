using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.OutsideCertificates;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;
using TrainingHub.PdfLayout;

namespace TrainingHub.Features.Credentials.Held;

/// <summary>
/// The renewal packet for one verified held credential: the current cycle, the continuing education that counts (and
/// what does not, with why), by the board's renewal parts. Same layout as the application packet (PDF and CSV); each
/// download is audited.
/// </summary>
public static class BuildRenewalPacket
{
    public sealed record Command(string ActorId, Guid HeldCredentialId, Guid? SiteId = null) : ICommand<ApplicationPacketContent>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ActorId).NotEmpty();
    }

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules, CredentialAccess access, PersonRecords records, CourseCatalog catalog,
        IOptions<CredentialOptions> options, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command, ApplicationPacketContent>
    {
        public async ValueTask<ApplicationPacketContent> Handle(Command command, CancellationToken ct)
        {
            var personId = await db.HeldCredentials.AsNoTracking().Where(h => h.Id == command.HeldCredentialId).Select(h => h.PersonId).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("There is no such credential record.");
            await access.RequireMayViewAsync(command.ActorId, personId, command.SiteId, ct);
            var held = (await HeldCredentialState.LoadAsync(db, rules, [personId], ct)).Single(h => h.Record.Id == command.HeldCredentialId);
            if (!held.Verified) throw new NotFoundException("The institute has not verified this credential yet, so there is no renewal packet for it.");
            var set = rules.Find(held.Record.CredentialId) ?? throw new NotFoundException("There is no such credential.");
            if (set.Renewal is not { } rule) throw new NotFoundException($"TrainingHub does not know {set.BoardName}'s renewal rules for this credential.");
            var now = clock.GetUtcNow().UtcDateTime;
            var today = DateOnly.FromDateTime(now);
            var person = await db.Users.AsNoTracking().Where(u => u.Id == personId).Select(u => new { u.FullName, u.Email }).SingleAsync(ct);
            var progress = Renewal.Evaluate(set, held.Facts, await records.LoadAsync(personId, ct, CredentialAccess.OnlySite(command.ActorId, personId, command.SiteId)), CredentialLife.ContinuingEducationCourses(options.Value, set.Board), today)!;
            var instituteName = await records.InstituteNameAsync(ct);
            var ownNumber = options.Value.ProviderNumbers.TryGetValue(set.Board, out var n) && !string.IsNullOrWhiteSpace(n) ? n : null;

            var requirements = progress.Lines.Select(l => new PacketRequirement(l.Title, l.Progress, l.Met ? "Met" : "Not met", l.GapText, null,
                rule.Source.Unconfirmed, rule.Source.Url, rule.Source.Checked, rule.Source.Note)).ToList();
            var totals = progress.Lines.Skip(1).Select(l => new PacketDomainTotal(l.Title, l.Counted, 0)).ToList();
            var training = progress.Training.Select(l => new PacketTrainingLine(l.Record.CompletedOn, l.Record.Title, l.Record.Detail,
                MyOutsideCertificates.DomainName(catalog, rules, l.Record.DomainKey), l.Record.Hours, MyHours.DeliveryName(l.Record.Delivery), l.Record.ProviderName,
                l.Record.ProviderNumbers.TryGetValue(set.Board, out var number) ? number : "", l.NotCountedBecause is { } why ? $"Not counted: {why}" : "Counted")).ToList();
            var facts = new List<PacketRecord>
            {
                new("Credential held", $"{set.Name}, number {held.Record.Number}, awarded {Eligibility.DateText(held.Record.AwardedOn)}, verified by {held.DecidedBy} on {Eligibility.DateText(DateOnly.FromDateTime(held.DecidedAt!.Value))}"),
                new("Renewal cycle", $"{Eligibility.DateText(progress.CycleStart)} to {Eligibility.DateText(progress.CycleEnd)} ({Eligibility.YearsText(rule.CycleYears)}); {(held.Record.ExpiresOn is null ? "expiry worked out from the award date" : "expiry as the board's letter states it")}"),
                new("What counts", rule.WhatCounts),
            };
            audit.Record(command.ActorId, AuditActions.RenewalPacketDownloaded, $"person/{personId}", $"{set.Id} held-credential/{held.Record.Id}");
            await db.SaveChangesAsync(ct);
            return new ApplicationPacketContent(person.FullName, person.Email ?? "", instituteName, set.Name, set.BoardName, ownNumber, now, progress.Met, progress.Summary,
                requirements, totals, training, [], [], [], facts) { Heading = "Credential renewal packet" };
        }
    }
}
