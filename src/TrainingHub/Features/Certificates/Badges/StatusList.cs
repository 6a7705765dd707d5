using System.Buffers.Text;
using System.Collections;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace TrainingHub.Features.Certificates.Badges;

/// <summary>Where a certificate's revocation bit lives: a status list credential and an index into it.</summary>
public sealed record StatusListEntry(Uri StatusListCredential, int Index)
{
    public JsonObject ToJson()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Index);
        var index = Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = StatusListCredential.AbsoluteUri + "#" + index,
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = StatusList.Purpose,
            ["statusListIndex"] = index,
            ["statusListCredential"] = StatusListCredential.AbsoluteUri,
        };
    }
}

/// <summary>
/// The W3C Bitstring Status List that tells a verifier, without asking about any one certificate, whether it has been
/// revoked. The list is at least 131,072 entries (16 KB) so a single list hides which certificate anyone checks;
/// index 0 is the most significant bit of the first byte.
/// </summary>
public static class StatusList
{
    public const int MinimumLength = 131_072;
    public const string Purpose = "revocation";

    /// <summary>The BitstringStatusListCredential JSON with the given indexes marked revoked. Sign it with <see cref="VcJwt"/>.</summary>
    /// <param name="ttl">How long a verifier may cache the list (Bitstring Status List <c>ttl</c>, in milliseconds); null to leave it out.</param>
    public static string BuildCredential(Uri listId, Uri issuerId, DateTimeOffset validFrom, IEnumerable<int> revokedIndexes, int length = MinimumLength, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(listId);
        ArgumentNullException.ThrowIfNull(issuerId);
        var subject = new JsonObject
        {
            ["id"] = listId.AbsoluteUri + "#list",
            ["type"] = "BitstringStatusList",
            ["statusPurpose"] = Purpose,
            ["encodedList"] = Encode(revokedIndexes, length),
        };
        if (ttl is { } t) subject["ttl"] = (long)t.TotalMilliseconds;
        return new JsonObject
        {
            ["@context"] = new JsonArray(CertificateBadge.CredentialsContext),
            ["id"] = listId.AbsoluteUri,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = issuerId.AbsoluteUri,
            ["validFrom"] = CertificateBadge.Timestamp(validFrom),
            ["credentialSubject"] = subject,
        }.ToJsonString();
    }

    /// <summary>The <c>encodedList</c> value: multibase "u" + base64url (no padding) of the gzipped bitstring.</summary>
    public static string Encode(IEnumerable<int> revokedIndexes, int length = MinimumLength)
    {
        ArgumentNullException.ThrowIfNull(revokedIndexes);
        if (length < MinimumLength || length % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A status list holds at least {MinimumLength} entries, a whole number of bytes.");
        }
        var bits = new byte[length / 8];
        foreach (var index in revokedIndexes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(revokedIndexes));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, length, nameof(revokedIndexes));
            bits[index / 8] |= (byte)(0x80 >> (index % 8));
        }
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bits);
        }
        return "u" + Base64Url.EncodeToString(compressed.ToArray());
    }

    /// <summary>Reads an <c>encodedList</c> back into its bits, in list order.</summary>
    public static BitArray Decode(string encodedList)
    {
        ArgumentException.ThrowIfNullOrEmpty(encodedList);
        if (encodedList[0] != 'u')
        {
            throw new FormatException("An encoded status list starts with the multibase prefix 'u' (base64url).");
        }
        using var gzip = new GZipStream(new MemoryStream(Base64Url.DecodeFromChars(encodedList.AsSpan(1))), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        var raw = bytes.ToArray();
        var bits = new BitArray(raw.Length * 8);
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = (raw[i / 8] & (0x80 >> (i % 8))) != 0;
        }
        return bits;
    }

    public static bool IsRevoked(string encodedList, int index) => Decode(encodedList)[index];
}
