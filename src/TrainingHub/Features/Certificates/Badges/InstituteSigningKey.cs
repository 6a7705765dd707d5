using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TrainingHub.Features.Certificates.Badges.DataIntegrity;

namespace TrainingHub.Features.Certificates.Badges;

/// <summary>
/// The institute's P-256 key that signs Open Badges credentials. It lives in a PEM file readable only by the site's
/// own account (mode 600); the public half is published as a JWK set so anyone can check a badge offline.
/// </summary>
public sealed class InstituteSigningKey : IDisposable
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private InstituteSigningKey(ECDsa key, string? keyUrlBase = null)
    {
        Key = key;
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        X = Base64Url.EncodeToString(point.X);
        Y = Base64Url.EncodeToString(point.Y);
        // RFC 7638: SHA-256 over the required members in lexicographic order, with no whitespace.
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{X}}","y":"{{Y}}"}""";
        Thumbprint = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        KeyId = keyUrlBase is null ? Thumbprint : keyUrlBase + Thumbprint;
        DataIntegrityKey = Ed25519DidKey.DeriveFrom(key);
    }

    /// <summary>
    /// This generation's Ed25519 key for Data Integrity proofs (<c>eddsa-rdfc-2022</c>), derived from the P-256 key so the
    /// generation stored in the database carries both and a rotation replaces both (ADR 0017). Its <c>did:key</c> is the
    /// issuer of the JSON credentials it signs.
    /// </summary>
    public Ed25519DidKey DataIntegrityKey { get; }

    /// <summary>The private key; signs with <see cref="VcJwt.Sign"/>.</summary>
    public ECDsa Key { get; }

    /// <summary>The RFC 7638 thumbprint of the public key.</summary>
    public string Thumbprint { get; }

    /// <summary>
    /// The JWS <c>kid</c> and the JWK's <c>kid</c>: the address that serves this public key as a JWK (OB 3.0 asks for a
    /// URI that dereferences to the key), or the bare thumbprint for a key made without an address (tests and tools).
    /// </summary>
    public string KeyId { get; }

    private string X { get; }
    private string Y { get; }

    /// <summary>Reads the key from <paramref name="pemPath"/>, or creates it there (mode 600) if the file does not exist yet.</summary>
    public static InstituteSigningKey LoadOrCreate(string pemPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pemPath);
        var path = Path.GetFullPath(pemPath);
        if (!File.Exists(path))
        {
            TryCreate(path);
        }
        return Load(path);
    }

    public static InstituteSigningKey Load(string pemPath) => FromPem(File.ReadAllText(pemPath));

    /// <param name="keyUrlBase">The address the key is published under, ending before the thumbprint; null for none.</param>
    public static InstituteSigningKey FromPem(string pem, string? keyUrlBase = null)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            EnsureP256(key);
            return new InstituteSigningKey(key, keyUrlBase);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>A key that exists only in memory, for tests and tools.</summary>
    public static InstituteSigningKey CreateEphemeral(string? keyUrlBase = null) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), keyUrlBase);

    /// <summary>Signs as a VC-JWT with the given JOSE <c>typ</c> (OB 3.0 badges: "JWT", ADR 0017).</summary>
    public string Sign(string credentialJson, string type = VcJwt.OpenBadgeType) => VcJwt.Sign(credentialJson, Key, KeyId, type);

    /// <summary>The public key as a JWK: kty EC, crv P-256, x, y, kid, alg ES256, use sig.</summary>
    public JsonObject PublicJwk() => new()
    {
        ["kty"] = "EC",
        ["crv"] = "P-256",
        ["x"] = X,
        ["y"] = Y,
        ["kid"] = KeyId,
        ["alg"] = VcJwt.Algorithm,
        ["use"] = "sig",
    };

    public string PublicJwkJson() => PublicJwk().ToJsonString();

    /// <summary>The JWK set to publish, for example at <c>/.well-known/jwks.json</c>.</summary>
    public string JwkSetJson() => new JsonObject { ["keys"] = new JsonArray(PublicJwk()) }.ToJsonString();

    public void Dispose()
    {
        DataIntegrityKey.Dispose();
        Key.Dispose();
    }

    internal static void EnsureP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (curve.Oid?.Value != P256Oid && curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
        {
            throw new ArgumentException("ES256 needs a P-256 key.", nameof(key));
        }
    }

    private static void TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Servers starting together take turns through a lock file beside the key (never deleted, so every process locks
        // the same file). File.Move without overwrite is not enough on its own: on Linux it is not atomic (a test with eight
        // servers starting at once saw two of them each install a key), and servers would then sign with different keys.
        using var turn = TakeTurn(path + ".lock");
        if (File.Exists(path)) return;   // another server created it while this one waited
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem();

        // Written beside the target and moved into place, so nobody ever reads half a file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using (var file = new FileStream(temporary, options))
            using (var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(pem);
                writer.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>An exclusive lock on <paramref name="lockPath"/> (FileShare.None: an advisory lock other processes see too).</summary>
    private static FileStream TakeTurn(string lockPath)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(20);
            }
        }
    }
}
