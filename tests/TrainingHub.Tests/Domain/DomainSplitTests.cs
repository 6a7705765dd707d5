using TrainingHub.Domain;

namespace TrainingHub.Tests.Domain;

public sealed class DomainSplitTests
{
    private static readonly DomainShare[] Parts = [new("advocacy", 0.5m), new("mentoring-education", 0.25m)];

    public static TheoryData<decimal, string, string> Cases => new()
    {
        // credit, already held ("domain=hours;..."), expected shares
        { 0.75m, "", "advocacy=0.5;mentoring-education=0.25" },
        { 0.5m, "", "advocacy=0.34;mentoring-education=0.16" },                   // partial: in proportion, hundredths, adding up
        { 0.25m, "advocacy=0.34;mentoring-education=0.16", "advocacy=0.16;mentoring-education=0.09" }, // a make-up tops each part up
        { 0.25m, "advocacy=0.5", "mentoring-education=0.25" },                   // a full part gets nothing more
        { 0.75m, "advocacy=0.5;mentoring-education=0.25", "" },                  // nothing is due
        { 1m, "", "advocacy=0.5;mentoring-education=0.25" },                     // never more than the parts
        { 0.25m, "advocacy=0.75", "mentoring-education=0.25" },                  // an old one-domain credit over its part
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_credit_is_shared_among_the_parts_in_proportion_to_what_each_still_misses(decimal hours, string held, string expected)
    {
        var heldHours = held.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(h => h.Split('='))
            .ToDictionary(h => h[0], h => decimal.Parse(h[1], System.Globalization.CultureInfo.InvariantCulture));
        var shares = DomainSplit.Allocate(hours, Parts, heldHours);
        Assert.Equal(expected, string.Join(';', shares.Select(s => $"{s.Domain}={s.Hours.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
        Assert.All(shares, s => Assert.True(s.Hours > 0));
    }
}
