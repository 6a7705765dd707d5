using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Pipeline;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Certificates.Verification;

/// <summary>
/// Keys that let a board check many certificate codes in one request (/api/verify). Institute admins issue and revoke
/// them; both are audited. The key is shown once; only its SHA-256 hash is kept (it is 160 random bits, so a plain hash
/// is enough: nobody can guess one to test against the hash).
/// </summary>
public static class BoardVerificationKeys
{
    public const string KeyPrefix = "thbv_";
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public sealed record IssuedKey(Guid Id, string Name, string Key);

    public sealed record Issue(string AdminId, string Name) : ICommand<IssuedKey>, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin can issue a board verification key.";
    }

    public sealed class IssueValidator : AbstractValidator<Issue>
    {
        public IssueValidator() => RuleFor(c => c.Name).NotEmpty().WithMessage("Say who the key is for, for example the board's name.")
            .MaximumLength(200).WithMessage("Keep the name under 200 characters.");
    }

    public sealed class IssueHandler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Issue, IssuedKey>
    {
        public async ValueTask<IssuedKey> Handle(Issue command, CancellationToken ct)
        {
            var key = KeyPrefix + RandomNumberGenerator.GetString(Alphabet, 32);
            var row = new BoardVerificationKey
            {
                Id = Guid.NewGuid(), Name = command.Name.Trim(), Prefix = key[..(KeyPrefix.Length + 4)], SecretHash = Hash(key),
                CreatedById = command.AdminId, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.BoardVerificationKeys.Add(row);
            audit.Record(command.AdminId, AuditActions.BoardKeyIssued, $"board-key/{row.Id}", $"{row.Name} ({row.Prefix}…)");
            await db.SaveChangesAsync(ct);
            return new IssuedKey(row.Id, row.Name, key);
        }
    }

    public sealed record Revoke(string AdminId, Guid KeyId) : ICommand, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
        string IInstituteAdminOnly.Refusal => "Only an institute admin can revoke a board verification key.";
    }

    public sealed class RevokeHandler(TrainingHubDb db, TimeProvider clock, AuditTrail audit) : ICommandHandler<Revoke>
    {
        public async ValueTask<Unit> Handle(Revoke command, CancellationToken ct)
        {
            var row = await db.BoardVerificationKeys.SingleOrDefaultAsync(k => k.Id == command.KeyId, ct)
                ?? throw new NotFoundException("There is no such board verification key.");
            if (row.RevokedAt is not null)
            {
                throw new ValidationException([new ValidationFailure(nameof(Revoke.KeyId), "This key is already revoked.")]);
            }
            row.RevokedAt = clock.GetUtcNow().UtcDateTime;
            row.RevokedById = command.AdminId;
            audit.Record(command.AdminId, AuditActions.BoardKeyRevoked, $"board-key/{row.Id}", $"{row.Name} ({row.Prefix}…)");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }

    public sealed record KeyRow(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

    public sealed record List(string AdminId) : IQuery<IReadOnlyList<KeyRow>>, IInstituteAdminOnly
    {
        string IInstituteAdminOnly.ActorId => AdminId;
    }

    public sealed class ListHandler(TrainingHubDb db) : IQueryHandler<List, IReadOnlyList<KeyRow>>
    {
        public async ValueTask<IReadOnlyList<KeyRow>> Handle(List query, CancellationToken ct) =>
            await db.BoardVerificationKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name)
                .Select(k => new KeyRow(k.Id, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt)).ToListAsync(ct);
    }
}

/// <summary>A board checks up to <see cref="MaxCodes"/> codes in one request with its key.</summary>
public static class VerifyCodesForBoard
{
    public const int MaxCodes = 100;

    /// <param name="Key">The key from the request's Authorization header (Bearer), or null when it had none.</param>
    public sealed record Query(string? Key, IReadOnlyList<string?>? Codes) : IQuery<Answer>;

    /// <summary>
    /// The answers in request order; or why the key was refused (401) or the request is bad (400). Expected outcomes, so
    /// they are values rather than exceptions the pipeline would log as errors.
    /// </summary>
    public sealed record Answer(IReadOnlyList<VerifyCertificate.Result> Results, string? KeyRefused = null, string? BadRequest = null);

    public sealed class Handler(TrainingHubDb db) : IQueryHandler<Query, Answer>
    {
        public async ValueTask<Answer> Handle(Query query, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(query.Key)) return new([], KeyRefused: "Send your board verification key as 'Authorization: Bearer <key>'.");
            var hash = BoardVerificationKeys.Hash(query.Key.Trim());
            if (!await db.BoardVerificationKeys.AnyAsync(k => k.SecretHash == hash && k.RevokedAt == null, ct))
            {
                return new([], KeyRefused: "This key is not valid: it was mistyped or has been revoked. Ask the institute for a new one.");
            }
            if (query.Codes is null || query.Codes.Count == 0)
            {
                return new([], BadRequest: "Send the codes to check as {\"codes\": [\"7KQ2-M9XD-4TNB-0WJE-R8HC\", ...]}.");
            }
            if (query.Codes.Count > MaxCodes)
            {
                return new([], BadRequest: $"Send at most {MaxCodes} codes in one request; you sent {query.Codes.Count}.");
            }
            var results = new List<VerifyCertificate.Result>(query.Codes.Count);
            foreach (var code in query.Codes) results.Add(await VerifyCertificate.LookUpAsync(db, code, ct));
            return new(results);
        }
    }
}
