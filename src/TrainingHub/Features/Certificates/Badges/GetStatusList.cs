using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;

namespace TrainingHub.Features.Certificates.Badges;

/// <summary>
/// The signed revocation status list every Open Badge points at. It is signed once per change (a revocation, or a new
/// signing key) and kept: its <c>validFrom</c> is the time of the last revocation, never "now", so a verifier whose clock
/// is a little behind still accepts it, and every server gives the same ETag for the same list.
/// </summary>
public static class GetStatusList
{
    /// <summary>How long a verifier may keep the list before asking again (the list's <c>ttl</c> and Cache-Control).</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    public sealed record Query : IQuery<Result>;

    /// <param name="Jwt">The list as a VC-JWT (ES256), issuer the institute's profile address.</param>
    /// <param name="DataIntegrity">The list as JSON with an <c>eddsa-rdfc-2022</c> proof, issuer the signing key's
    /// <c>did:key</c>: the form a verifier of the badge's Data Integrity proof reads (ADR 0017).</param>
    /// <param name="ETag">A quoted entity tag that changes exactly when the list's content or signing key does.</param>
    public sealed record Result(string Jwt, string DataIntegrity, string ETag)
    {
        /// <summary>The entity tag of the Data Integrity form (a different representation of the same list).</summary>
        public string DataIntegrityETag => ETag[..^1] + "-di\"";
    }

    public sealed class Handler(TrainingHubDb db, CertificateSnapshot snapshot, InstituteSigningKeys keys, StatusListCache cache) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var key = keys.Current;
            var count = await db.CertificateRevocations.AsNoTracking().CountAsync(ct);
            var last = await db.CertificateRevocations.AsNoTracking().MaxAsync(r => (DateTime?)r.RevokedAt, ct);
            var etag = $"\"{count}-{last?.Ticks ?? 0}-{key.Thumbprint}\"";
            if (cache.Current is { } cached && cached.ETag == etag) return cached;

            var revoked = await (from r in db.CertificateRevocations.AsNoTracking()
                                 join c in db.Certificates.AsNoTracking() on r.CertificateId equals c.Id
                                 select c.StatusIndex).ToListAsync(ct);
            var validFrom = last is null ? DateTimeOffset.UnixEpoch : new DateTimeOffset(DateTime.SpecifyKind(last.Value, DateTimeKind.Utc));
            var credential = StatusList.BuildCredential(snapshot.StatusListUrl, snapshot.IssuerUrl, validFrom, revoked, ttl: TimeToLive);
            // The proof's time is the list's validFrom, and Ed25519 is deterministic: every server signs the same bytes.
            var json = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(credential)!;
            json["issuer"] = key.DataIntegrityKey.Did;
            var secured = DataIntegrity.EddsaRdfc2022.Sign(json, key.DataIntegrityKey, validFrom).ToJsonString();
            var result = new Result(key.Sign(credential, VcJwt.CredentialType), secured, etag);
            cache.Current = result;
            return result;
        }
    }
}

/// <summary>The last status list this server signed (a singleton); replaced whole, so readers never see half of one.</summary>
public sealed class StatusListCache
{
    private GetStatusList.Result? _current;

    public GetStatusList.Result? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}
