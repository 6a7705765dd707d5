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

    /// <param name="Code">The code as signed: its version and hash are the original's whatever language it is read in.</param>
    /// <param name="Words">The code's title, summary, statement and text in the reader's language: a translation's, or the
    /// original's (its <c>Language</c> says which).</param>
    public sealed record Result(CodeOfEthics Code, string FullName, IReadOnlyList<Signature> Signatures, IReadOnlyList<string> CountsFor,
        CodeTranslation Words)
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
            var reader = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var words = catalog.FindCodeTranslation(code.Id, reader)
                ?? new CodeTranslation(code.Id, Catalog.GetLesson.OriginalLanguage, code.Title, code.Summary, code.Statement, code.Html);
            return new Result(code, fullName, signatures, countsFor, words);
        }
    }
}
