using System.Security.Cryptography;

namespace TrainingHub.Features.Certificates.Verification;

/// <summary>
/// The code printed on a certificate and typed in by a board or an employer to verify it: 20 Crockford base32
/// characters (100 random bits, too many to guess or enumerate), shown in groups of four such as
/// <c>7KQ2-M9XD-4TNB-0WJE-R8HC</c>. Crockford's alphabet has no I, L, O or U, so a code read aloud or copied by hand
/// survives the usual mistakes.
/// </summary>
public static class VerificationCode
{
    public const int Length = 20;
    private const int GroupSize = 4;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New() => Group(RandomNumberGenerator.GetString(Alphabet, Length));

    /// <summary>
    /// The canonical grouped form of what someone typed, or null if it cannot be a code. Case, spaces and dashes do not
    /// matter, and the letters Crockford reads as digits (I and L as 1, O as 0) are accepted.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > Length * 3)
        {
            return null;
        }
        Span<char> symbols = stackalloc char[Length];
        var count = 0;
        foreach (var raw in typed)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }
            if (!char.IsAscii(raw))
            {
                return null;
            }
            var symbol = char.ToUpperInvariant(raw) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var c => c,
            };
            if (count == Length || !Alphabet.Contains(symbol, StringComparison.Ordinal))
            {
                return null;
            }
            symbols[count++] = symbol;
        }
        return count == Length ? Group(new string(symbols)) : null;
    }

    private static string Group(string symbols) =>
        string.Join('-', symbols.Chunk(GroupSize).Select(group => new string(group)));
}
