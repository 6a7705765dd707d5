using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Credentials.OutsideCertificates;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace TrainingHub.Features.Credentials.Held;

/// <summary>For institute admins: held credentials waiting to be checked (oldest first), the latest decisions, or one record.</summary>
public static class HeldCredentialReviewQueue
{
    public sealed record Query(string ActorId, Guid? HeldCredentialId = null) : IQuery<Result>, IInstituteAdminOnly;

    public sealed record Item(HeldCredentialView Held, string PersonName, string PersonEmail);

    public sealed record Result(IReadOnlyList<Item> Waiting, IReadOnlyList<Item> RecentlyDecided);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.ActorId).NotEmpty();
    }

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var all = await HeldCredentialState.LoadAsync(db, rules, null, ct);
            if (query.HeldCredentialId is { } id)
            {
                all = all.Where(h => h.Record.Id == id).ToList();
                if (all.Count == 0) throw new NotFoundException("There is no such credential record.");
            }
            var personIds = all.Select(h => h.Record.PersonId).Distinct().ToList();
            var people = await db.Users.AsNoTracking().Where(u => personIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.FullName, u.Email }, ct);
            var items = all.Select(h => new Item(h, people[h.Record.PersonId].FullName, people[h.Record.PersonId].Email ?? "")).ToList();
            return new Result(
                items.Where(i => i.Held.Status == OutsideCertificateStatus.Waiting).OrderBy(i => i.Held.Record.RecordedAt).ToList(),
                items.Where(i => i.Held.Status != OutsideCertificateStatus.Waiting).OrderByDescending(i => i.Held.DecidedAt).Take(20).ToList());
        }
    }
}

/// <summary>The board's letter of a held credential: for its holder, an institute admin (audited) or staff of the holder's site (audited).</summary>
public static class OpenHeldCredentialFile
{
    public sealed record Command(string ActorId, Guid HeldCredentialId) : ICommand<OpenOutsideCertificateFile.File>;

    public sealed class Handler(TrainingHubDb db, CredentialAccess access, OutsideCertificateFiles files, AuditTrail audit) : ICommandHandler<Command, OpenOutsideCertificateFile.File>
    {
        public async ValueTask<OpenOutsideCertificateFile.File> Handle(Command command, CancellationToken ct)
        {
            var held = await db.HeldCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.HeldCredentialId, ct)
                ?? throw new NotFoundException("There is no such credential record.");
            if (held.PersonId != command.ActorId)
            {
                try
                {
                    await access.RequireMayViewAsync(command.ActorId, held.PersonId, null, ct);
                }
                catch (ForbiddenException)
                {
                    throw new NotFoundException("There is no such credential record.");
                }
                audit.Record(command.ActorId, Domain.AuditActions.HeldCredentialViewed, $"held-credential/{held.Id}");
                await db.SaveChangesAsync(ct);
            }
            var content = await files.ReadAsync(held.StoredFileName, ct);
            var name = Path.GetFileNameWithoutExtension(held.OriginalFileName) + Path.GetExtension(held.StoredFileName);
            return new OpenOutsideCertificateFile.File(content, held.ContentType, name);
        }
    }
}
