using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrainingHub.Features.Accounts;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>Counts take their language's plural form (CLDR rules through ICU), and hours and dates read the same way in both languages.</summary>
public sealed class LocalizedFormatsTests
{
    private static IStringLocalizer Words(string language)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = SiteLanguages.Formats(language);
        return new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));
    }

    [Theory]
    [InlineData("en", 1, "1 hour")]
    [InlineData("en", 2, "2 hours")]
    [InlineData("en", 0.75, "0.75 hours")]
    [InlineData("es", 1, "1 hora")]
    [InlineData("es", 2, "2 horas")]
    [InlineData("es", 0.75, "0.75 horas")]
    [InlineData("es", 1250, "1,250 horas")]
    public void Hours_take_the_plural_form_of_the_language_and_keep_one_decimal_point(string language, double hours, string expected) =>
        Assert.Equal(expected, Words(language).Hours((decimal)hours));

    [Theory]
    [InlineData("en", 1, "You have 1 more attempt.")]
    [InlineData("en", 3, "You have 3 more attempts.")]
    [InlineData("es", 1, "Le queda 1 intento más.")]
    [InlineData("es", 3, "Le quedan 3 intentos más.")]
    public void A_whole_sentence_changes_with_the_count(string language, int count, string expected) =>
        Assert.Equal(expected, Words(language)["{0, plural, one {You have # more attempt.} other {You have # more attempts.}}"].Plural(count));

    [Theory]
    [InlineData("en", "5 December 2026", "5 Dec 2026")]
    [InlineData("es", "5 de diciembre de 2026", "5 dic 2026")]
    public void Dates_are_written_with_the_month_s_name(string language, string expected, string shortForm)
    {
        var words = Words(language);
        Assert.Equal(expected, words.Date(new DateOnly(2026, 12, 5)));
        Assert.Equal(shortForm, words.ShortDate(new DateOnly(2026, 12, 5)).Replace(".", "", StringComparison.Ordinal));
    }
}
