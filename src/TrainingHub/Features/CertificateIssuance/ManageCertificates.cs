using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Sites;

namespace TrainingHub.Features.CertificateIssuance;

public static class ListCertificates
{
    public sealed record Query(string AdminId) : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string Code, string TraineeName, string CourseTitle, decimal Hours, DateOnly CompletedOn, DateTime IssuedAt,
        CertificateState State, string? RevokedReason);

    public sealed class Handler(TrainingHubDb db, SiteScope scope) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            if (!await scope.IsInstituteAdminAsync(query.AdminId, ct)) throw new ForbiddenException("Only an institute admin manages certificates.");
            var certificates = await db.Certificates.AsNoTracking().OrderByDescending(c => c.IssuedAt).Take(500).ToListAsync(ct);
            var revoked = await db.CertificateRevocations.AsNoTracking().ToDictionaryAsync(r => r.CertificateId, r => r.Reason, ct);
            var superseded = await db.Certificates.AsNoTracking().Where(c => c.SupersedesId != null).Select(c => c.SupersedesId!.Value).ToListAsync(ct);
            return certificates.Select(c => new Item(c.Id, c.Code, c.TraineeName, c.CourseTitle, c.Hours, c.CompletedOn, c.IssuedAt,
                revoked.ContainsKey(c.Id) ? CertificateState.Revoked : superseded.Contains(c.Id) ? CertificateState.Superseded : CertificateState.Valid,
                revoked.GetValueOrDefault(c.Id))).ToList();
        }
    }
}

/// <summary>An institute admin revokes a certificate with a reason; the verification page and the badge status list show it.</summary>
public static class RevokeCertificate
{
    public sealed record Command(string AdminId, Guid CertificateId, string Reason) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the certificate is revoked.").MaximumLength(1000);
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, TimeProvider clock, AuditTrail audit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            if (!await scope.IsInstituteAdminAsync(command.AdminId, ct)) throw new ForbiddenException("Only an institute admin can revoke a certificate.");
            if (!await db.Certificates.AnyAsync(c => c.Id == command.CertificateId, ct)) throw new NotFoundException("There is no such certificate.");
            if (await db.CertificateRevocations.AnyAsync(r => r.CertificateId == command.CertificateId, ct))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.CertificateId), "This certificate is already revoked.")]);
            }
            db.CertificateRevocations.Add(new CertificateRevocation
            {
                Id = Guid.NewGuid(), CertificateId = command.CertificateId, Reason = command.Reason.Trim(), RevokedById = command.AdminId, RevokedAt = clock.GetUtcNow().UtcDateTime,
            });
            audit.Record(command.AdminId, AuditActions.CertificateRevoked, $"certificate/{command.CertificateId}", command.Reason.Trim());
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

/// <summary>
/// After a correction (for example the trainee's name), an institute admin issues a new certificate from the current
/// record; the old code then shows as superseded. The reason is audited.
/// </summary>
public static class ReissueCertificate
{
    public sealed record Command(string AdminId, Guid CertificateId, string Reason) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Say what was corrected.").MaximumLength(1000);
    }

    public sealed class Handler(TrainingHubDb db, SiteScope scope, CertificateIssuer issuer) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            if (!await scope.IsInstituteAdminAsync(command.AdminId, ct)) throw new ForbiddenException("Only an institute admin can reissue a certificate.");
            var old = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CertificateId, ct)
                ?? throw new NotFoundException("There is no such certificate.");
            if (await db.Certificates.AnyAsync(c => c.SupersedesId == old.Id, ct) || await db.CertificateRevocations.AnyAsync(r => r.CertificateId == old.Id, ct))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.CertificateId), "Only a valid certificate can be reissued.")]);
            }
            var issueNumber = int.Parse(old.IssueKey[(old.IssueKey.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture) + 1;
            var issued = await issuer.IssueAsync(old.EnrollmentId, old.CourseVersion, issueNumber, old.Id, command.AdminId, ct, command.Reason.Trim());
            return issued.Id;
        }
    }
}
