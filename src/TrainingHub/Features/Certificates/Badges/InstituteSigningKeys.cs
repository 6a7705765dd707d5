using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Certificates.Badges;

/// <summary>
/// The institute's badge-signing keys, kept in the database for every server: the newest generation signs, every
/// generation is published (so badges signed before a rotation still verify). The first server to need a key creates
/// it; a server that loses that race reads the winner's. A key file at Certificates:SigningKeyPath, from before keys
/// were kept in the database, becomes the first generation, so the badges it signed keep verifying.
/// </summary>
public sealed class InstituteSigningKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, DataPaths paths,
    IOptions<CertificateOptions> options, IOptions<InstituteOptions> institute, TimeProvider clock) : IDisposable
{
    private readonly Lock _load = new();
    private IReadOnlyList<InstituteSigningKey>? _keys;
    private readonly List<InstituteSigningKey> _retired = [];
    private IDataProtector Protector => protection.CreateProtector("TrainingHub.SigningKeys");

    /// <summary>The key that signs new badges (the newest generation).</summary>
    public InstituteSigningKey Current => Keys[^1];

    /// <summary>Every generation, oldest first.</summary>
    public IReadOnlyList<InstituteSigningKey> Keys
    {
        get
        {
            if (_keys is { } keys) return keys;
            lock (_load) return _keys ??= Load();
        }
    }

    /// <summary>Where each public key is served as a JWK: this address followed by the key's thumbprint (the JWS <c>kid</c>).</summary>
    public string KeyUrlBase => KeyUrlBaseFor(institute.Value.PublicBaseUrl);

    public static string KeyUrlBaseFor(string publicBaseUrl) => publicBaseUrl.TrimEnd('/') + "/credentials/keys/";

    /// <summary>The key of any generation with this RFC 7638 thumbprint, or null.</summary>
    public InstituteSigningKey? Find(string thumbprint) => Keys.FirstOrDefault(k => string.Equals(k.Thumbprint, thumbprint, StringComparison.Ordinal));

    public string JwkSetJson() => new JsonObject { ["keys"] = new JsonArray(Keys.Select(k => (JsonNode)k.PublicJwk()).ToArray()) }.ToJsonString();

    /// <summary>Adds the next generation; this server signs with it at once, the others after their next start.</summary>
    public InstituteSigningKey Rotate()
    {
        lock (_load)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            var next = (db.SigningKeys.Max(k => (int?)k.Generation) ?? 0) + 1;
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            TryInsert(db, next, key.ExportPkcs8PrivateKeyPem());
            // The previous generations are not disposed: a request may be signing with one right now. They are few and
            // small, and are disposed with this service.
            _retired.AddRange(_keys ?? []);
            _keys = Read(db);
            return Current;
        }
    }

    private IReadOnlyList<InstituteSigningKey> Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        if (!db.SigningKeys.Any())
        {
            var legacy = paths.InDataFolderFile(options.Value.SigningKeyPath);
            string pem;
            if (File.Exists(legacy))
            {
                pem = File.ReadAllText(legacy);
            }
            else
            {
                using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                pem = created.ExportPkcs8PrivateKeyPem();
            }
            TryInsert(db, 1, pem);
        }
        return Read(db);
    }

    private void TryInsert(TrainingHubDb db, int generation, string pem)
    {
        using var key = InstituteSigningKey.FromPem(pem);
        db.SigningKeys.Add(new SigningKey { Generation = generation, KeyId = key.KeyId, ProtectedPrivateKey = Protector.Protect(pem), CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            // Another server created this generation first: use theirs.
            db.ChangeTracker.Clear();
        }
    }

    private List<InstituteSigningKey> Read(TrainingHubDb db) =>
        db.SigningKeys.AsNoTracking().OrderBy(k => k.Generation).Select(k => k.ProtectedPrivateKey).ToList()
            .Select(p => InstituteSigningKey.FromPem(Protector.Unprotect(p), KeyUrlBase)).ToList();

    public void Dispose()
    {
        foreach (var k in (_keys ?? []).Concat(_retired)) k.Dispose();
    }
}
