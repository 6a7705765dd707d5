using System.Text.RegularExpressions;
using TrainingHub.Features.Certificates.Verification;

namespace TrainingHub.Tests.Certificates;

public sealed class VerificationCodeTests
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void Ten_thousand_new_codes_are_all_different_and_well_formed()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => VerificationCode.New()).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches(@"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$", code));
        Assert.All(codes, code => Assert.Equal(code, VerificationCode.Normalize(code)));
    }

    [Fact]
    public void Every_symbol_is_about_as_likely_as_any_other()
    {
        // 200,000 symbols, 6,250 expected of each; a skewed generator would miss this by far more than 10 %.
        var counts = string.Concat(Enumerable.Range(0, 10_000).Select(_ => VerificationCode.New().Replace("-", "", StringComparison.Ordinal)))
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Crockford.Order(), counts.Keys.Order());
        Assert.All(counts.Values, count => Assert.InRange(count, 5_625, 6_875));
    }

    [Fact]
    public void A_code_carries_a_hundred_bits()
    {
        Assert.Equal(20, VerificationCode.Length);
        Assert.Equal(100, VerificationCode.Length * Math.Log2(Crockford.Length));
    }

    [Theory]
    [InlineData("7KQ2-M9XD-4TNB-0WJE-R8HC", "7KQ2-M9XD-4TNB-0WJE-R8HC")]
    [InlineData("7kq2-m9xd-4tnb-0wje-r8hc", "7KQ2-M9XD-4TNB-0WJE-R8HC")]   // lowercase
    [InlineData("7KQ2M9XD4TNB0WJER8HC", "7KQ2-M9XD-4TNB-0WJE-R8HC")]       // no dashes
    [InlineData(" 7kq2 m9xd 4tnb 0wje r8hc ", "7KQ2-M9XD-4TNB-0WJE-R8HC")] // spaces, as read aloud
    [InlineData("7KQ-2M9X-D4TNB0WJ-ER8HC", "7KQ2-M9XD-4TNB-0WJE-R8HC")]    // dashes in the wrong places
    [InlineData("7KQ2-M9XD-4TNB-OWJE-R8HC", "7KQ2-M9XD-4TNB-0WJE-R8HC")]   // letter O read as zero
    [InlineData("IKQ2-M9XD-4TNB-0WJE-R8HL", "1KQ2-M9XD-4TNB-0WJE-R8H1")]   // I and L read as one
    [InlineData("ikq2-m9xd-4tnb-0wje-r8hl", "1KQ2-M9XD-4TNB-0WJE-R8H1")]
    [InlineData("7KQ2-M9XD-4TNB-0WJE-R8H", null)]                          // one symbol short
    [InlineData("7KQ2-M9XD-4TNB-0WJE-R8HCX", null)]                        // one symbol long
    [InlineData("7KQ2-M9XD-4TNB-0WJE-R8HU", null)]                         // U is not in the alphabet
    [InlineData("7KQ2-M9XD-4TNB-0WJE-R8H*", null)]                         // nor is a check symbol
    [InlineData("7KQ2_M9XD_4TNB_0WJE_R8HC", null)]                         // underscores are not dashes
    [InlineData("7KQ2-M9XD-4TNB-0WJE-R8HÇ", null)]                         // nothing outside ASCII
    [InlineData("7KQ2-M9XD-4TNB-0WJE-R8H\u0421", null)]                    // a Cyrillic look-alike
    [InlineData("https://training.example.org/verify/7KQ2", null)]
    [InlineData("--------------------", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize_accepts_what_people_type_and_refuses_anything_else(string? typed, string? expected)
    {
        Assert.Equal(expected, VerificationCode.Normalize(typed));
    }

    [Fact]
    public void Normalize_refuses_a_very_long_input_without_reading_it_all()
    {
        Assert.Null(VerificationCode.Normalize(new string('-', 1_000_000) + "7KQ2M9XD4TNB0WJER8HC"));
    }
}
