using System.Globalization;
using System.Resources;
using TrainingHub.Features.Accounts;

namespace TrainingHub.Localization;

/// <summary>
/// The site's words in one language, for what the application writes outside a page: e-mails, PDFs, validation
/// messages (docs/decisions/0019-languages.md). They come from the same files as the pages' words
/// (<c>src/TrainingHub.Web/Resources/SharedResource*.resx</c>, compiled into this assembly as well), where the key is the
/// English text; a text without a translation stays English. Ask with the English text, and <c>{0}</c> for each value so
/// the translator keeps the word order.
/// </summary>
public sealed class Words
{
    private static readonly ResourceManager Resources = new("TrainingHub.Localization.SiteWords", typeof(Words).Assembly);

    private Words(CultureInfo culture) => Culture = culture;

    public static Words English { get; } = new(CultureInfo.GetCultureInfo(SiteLanguages.English));

    /// <summary>A person's language ("en", "es"); English for none or one the site is not written in.</summary>
    public static Words For(string? language) =>
        SiteLanguages.IsSupported(language) && language != SiteLanguages.English ? new Words(CultureInfo.GetCultureInfo(language!)) : English;

    /// <summary>The language the current request is answered in (the site sets it; a job or the CLI runs in English).</summary>
    public static Words Current => For(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    public CultureInfo Culture { get; }

    /// <summary>"en" or "es", as a PDF's <c>/Lang</c> and an HTML <c>lang</c> attribute want it.</summary>
    public string Language => Culture.Name;

    public string this[string english] => Translate(english, Culture);

    public string this[string english, params object?[] values] => string.Format(Culture, this[english], values);

    /// <summary>A sentence the application composed as facts (<see cref="Phrase"/>), in this language.</summary>
    public string Say(Phrase phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return phrase.Say(english => Translate(english, Culture), Culture);
    }

    /// <summary>A day as people write it in this language ("5 December 2026", "5 de diciembre de 2026").</summary>
    public string Date(DateTime day) => day.ToString(this["d MMMM yyyy"], Culture);

    public string Date(DateOnly day) => day.ToString(this["d MMMM yyyy"], Culture);

    /// <summary>Hours as a number with at most two decimals, in this language's digits ("1.5", "1,5").</summary>
    public string Hours(decimal hours) => hours.ToString("0.##", Culture);

    public static string Translate(string english, CultureInfo culture)
    {
        if (culture.TwoLetterISOLanguageName == SiteLanguages.English) return english;
        var text = Resources.GetString(english, culture);
        return string.IsNullOrEmpty(text) ? english : text;
    }
}
