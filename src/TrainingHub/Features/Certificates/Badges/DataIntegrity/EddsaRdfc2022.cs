using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace TrainingHub.Features.Certificates.Badges.DataIntegrity;

/// <summary>
/// An Ed25519 key named by a <c>did:key</c> (W3C CCG did:key, Multikey): <c>did:key:z6Mk…</c> is "z" + base58btc of the
/// multicodec prefix 0xed 0x01 and the 32-byte public key, so a verifier resolves it offline. Signing is libsodium's,
/// through NSec.
/// </summary>
public sealed class Ed25519DidKey : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private Ed25519DidKey(Key key)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var multikey = "z" + Base58Btc.Encode([0xed, 0x01, .. PublicKey]);
        Did = "did:key:" + multikey;
        VerificationMethod = Did + "#" + multikey;
    }

    public byte[] PublicKey { get; }

    /// <summary>The DID, which is also the issuer of everything this key signs (the verifier checks the two match).</summary>
    public string Did { get; }

    /// <summary>The verification method a proof names: the DID and, as fragment, the public key as a multibase Multikey.</summary>
    public string VerificationMethod { get; }

    /// <summary>The key whose 32-byte private seed is <paramref name="seed"/>.</summary>
    public static Ed25519DidKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32) throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        return new Ed25519DidKey(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey));
    }

    /// <summary>
    /// The Ed25519 key of a badge-signing key generation: HKDF-SHA256 (RFC 5869) of its P-256 private scalar with a label
    /// of its own, so each generation stored in the database carries both keys and rotation moves them together (ADR 0017).
    /// </summary>
    public static Ed25519DidKey DeriveFrom(ECDsa generationKey)
    {
        ArgumentNullException.ThrowIfNull(generationKey);
        var scalar = generationKey.ExportParameters(includePrivateParameters: true).D
            ?? throw new ArgumentException("The key has no private part.", nameof(generationKey));
        try
        {
            Span<byte> seed = stackalloc byte[32];
            HKDF.DeriveKey(HashAlgorithmName.SHA256, scalar, seed, salt: [], info: "TrainingHub badge Ed25519 key (eddsa-rdfc-2022) v1"u8);
            try
            {
                return FromSeed(seed);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(seed);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    public byte[] Sign(ReadOnlySpan<byte> data) => Algorithm.Sign(_key, data);

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        Algorithm.Verify(NSec.Cryptography.PublicKey.Import(Algorithm, publicKey, KeyBlobFormat.RawPublicKey), data, signature);

    public void Dispose() => _key.Dispose();
}

/// <summary>The base58btc alphabet (the multibase "z" encoding), big-endian, leading zero bytes as "1".</summary>
public static class Base58Btc
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var zeros = 0;
        while (zeros < bytes.Length && bytes[zeros] == 0) zeros++;
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var digits = new StringBuilder();
        while (value > 0)
        {
            value = BigInteger.DivRem(value, 58, out var remainder);
            digits.Insert(0, Alphabet[(int)remainder]);
        }
        return new string('1', zeros) + digits;
    }

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1') zeros++;
        var value = BigInteger.Zero;
        foreach (var c in text.AsSpan(zeros))
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0) throw new FormatException($"'{c}' is not a base58btc digit.");
            value = value * 58 + digit;
        }
        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[zeros], .. body];
    }
}

/// <summary>
/// The W3C Data Integrity <c>eddsa-rdfc-2022</c> cryptosuite (VC Data Integrity EdDSA Cryptosuites v1.0, section 3.3),
/// issuing side: the document without its proof and the proof configuration (the proof's options with the document's
/// <c>@context</c>) are each turned into RDF (<see cref="JsonLdToRdf"/>), canonicalized (<see cref="Rdfc10"/>) and hashed
/// with SHA-256; Ed25519 signs the proof configuration's hash followed by the document's; <c>proofValue</c> is "z" +
/// base58btc of the signature.
/// </summary>
public static class EddsaRdfc2022
{
    public const string ProofType = "DataIntegrityProof";
    public const string Cryptosuite = "eddsa-rdfc-2022";

    /// <summary>A copy of <paramref name="document"/> with an assertion proof by <paramref name="key"/> created at <paramref name="created"/>.</summary>
    public static JsonObject Sign(JsonObject document, Ed25519DidKey key, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(key);
        if (document.ContainsKey("proof")) throw new ArgumentException("The document already has a proof.", nameof(document));
        var options = new JsonObject
        {
            ["type"] = ProofType,
            ["cryptosuite"] = Cryptosuite,
            ["created"] = CertificateBadge.Timestamp(created),
            ["verificationMethod"] = key.VerificationMethod,
            ["proofPurpose"] = "assertionMethod",
        };
        var signature = key.Sign(HashData(document, options));
        var secured = (JsonObject)document.DeepClone();
        var proof = (JsonObject)options.DeepClone();
        proof["proofValue"] = "z" + Base58Btc.Encode(signature);
        secured["proof"] = proof;
        return secured;
    }

    /// <summary>Checks a proof this issuer made (tests and tools; verifiers use their own implementation).</summary>
    public static bool Verify(JsonObject secured, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(secured);
        if (secured["proof"] is not JsonObject proof || proof["proofValue"]?.GetValue<string>() is not { } value || !value.StartsWith('z')) return false;
        var document = (JsonObject)secured.DeepClone();
        document.Remove("proof");
        var options = (JsonObject)proof.DeepClone();
        options.Remove("proofValue");
        return Ed25519DidKey.Verify(publicKey, HashData(document, options), Base58Btc.Decode(value[1..]));
    }

    /// <summary>The canonical N-Quads of the proof configuration: the proof options under the document's <c>@context</c>.</summary>
    public static string CanonicalProofConfiguration(JsonObject document, JsonObject options)
    {
        var configuration = new JsonObject { ["@context"] = document["@context"]?.DeepClone() };
        foreach (var (name, value) in options) configuration[name] = value?.DeepClone();
        return Canonical(configuration);
    }

    /// <summary>The canonical N-Quads (RDFC-1.0) of a JSON-LD document.</summary>
    public static string Canonical(JsonObject document) => Rdfc10.Canonicalize(JsonLdToRdf.ToRdf(document));

    private static byte[] HashData(JsonObject document, JsonObject options) =>
    [
        .. SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalProofConfiguration(document, options))),
        .. SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(document))),
    ];
}
