using System.Buffers.Text;
using System.IO.Compression;
using System.Text.Json.Nodes;
using TrainingHub.Features.Certificates.Badges;

namespace TrainingHub.Tests.Certificates;

public sealed class StatusListTests
{
    private static readonly int[] Revoked = [0, 7, 8, 94_567, 131_071];

    [Fact]
    public void Revoked_certificates_have_their_bit_set_and_no_others_do()
    {
        var credential = JsonNode.Parse(StatusList.BuildCredential(
            new Uri("https://training.example.org/status/1"), new Uri("https://training.example.org/"),
            new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero), Revoked))!;

        Assert.Equal(["VerifiableCredential", "BitstringStatusListCredential"], credential["type"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("https://training.example.org/status/1", (string?)credential["id"]);
        var subject = credential["credentialSubject"]!;
        Assert.Equal("BitstringStatusList", (string?)subject["type"]);
        Assert.Equal("revocation", (string?)subject["statusPurpose"]);

        // Decoded here by hand, not by StatusList.Decode: multibase 'u', base64url, gzip, most significant bit first.
        var encoded = (string)subject["encodedList"]!;
        Assert.StartsWith("u", encoded, StringComparison.Ordinal);
        using var gzip = new GZipStream(new MemoryStream(Base64Url.DecodeFromChars(encoded.AsSpan(1))), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        var bytes = raw.ToArray();

        Assert.Equal(16 * 1024, bytes.Length);
        var set = Enumerable.Range(0, bytes.Length * 8).Where(i => (bytes[i / 8] & (0x80 >> (i % 8))) != 0).ToArray();
        Assert.Equal(Revoked, set);
        Assert.Equal(0b1000_0001, bytes[0]);
        Assert.Equal(0b1000_0000, bytes[1]);
    }

    [Fact]
    public void Decode_reads_back_what_encode_wrote()
    {
        var bits = StatusList.Decode(StatusList.Encode(Revoked));

        Assert.Equal(StatusList.MinimumLength, bits.Length);
        Assert.True(StatusList.IsRevoked(StatusList.Encode(Revoked), 94_567));
        Assert.False(StatusList.IsRevoked(StatusList.Encode(Revoked), 94_568));
        Assert.Equal(Revoked.Length, Enumerable.Range(0, bits.Length).Count(i => bits[i]));
    }

    [Fact]
    public void An_empty_list_is_still_sixteen_kilobytes_so_it_hides_who_is_checked()
    {
        var bits = StatusList.Decode(StatusList.Encode([]));

        Assert.Equal(131_072, bits.Length);
        Assert.DoesNotContain(true, bits.Cast<bool>());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(131_072)]
    public void An_index_outside_the_list_is_refused(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusList.Encode([index]));
    }

    [Fact]
    public void A_list_shorter_than_sixteen_kilobytes_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StatusList.Encode([], 1024));
    }
}
