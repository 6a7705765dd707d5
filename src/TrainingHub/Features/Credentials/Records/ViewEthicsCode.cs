using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Credentials.Records;

/// <summary>A code of ethics to read, the person's signatures of it, and the credentials a signature counts for.</summary>
public static class ViewEthicsCode
{
    /// <summary>No <paramref name="CodeId"/>: the first code in content/codes/.</summary>
    public sealed record Query(string PersonId, string? CodeId) : IQuery<Result>;

    public sealed record Signature(string Version, DateTime SignedAt, string TypedName);

    public sealed record Result(CodeOfEthics Code, string FullName, IReadOnlyList<Signature> Signatures, IReadOnlyList<string> CountsFor)
    {
        /// <summary>The signature of the version shown, if the person signed it.</summary>
        public Signature? Current => Signatures.FirstOrDefault(s => s.Version == Code.Version);
    }

    public sealed class Handler(TrainingHubDb db, CourseCatalog catalog, CredentialRuleBook rules) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var code = (query.CodeId is null ? catalog.Codes.FirstOrDefault() : catalog.FindCode(query.CodeId))
                ?? throw new NotFoundException("There is no such code of ethics.");
            var fullName = await db.Users.AsNoTracking().Where(u => u.Id == query.PersonId).Select(u => u.FullName).SingleAsync(ct);
            var signatures = await db.EthicsCodeSignatures.AsNoTracking().Where(s => s.PersonId == query.PersonId && s.CodeId == code.Id)
                .OrderByDescending(s => s.SignedAt).Select(s => new Signature(s.Version, s.SignedAt, s.TypedName)).ToListAsync(ct);
            var countsFor = rules.All.Where(set => set.Requirements.Any(r => r.Kind == RequirementKind.CodeOfEthicsSigned && r.CodeId == code.Id))
                .Select(set => set.Name).ToList();
            return new Result(code, fullName, signatures, countsFor);
        }
    }
}
