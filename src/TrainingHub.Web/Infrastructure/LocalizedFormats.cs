using System.Globalization;
using Microsoft.Extensions.Localization;
using TrainingHub.Localization;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Counts, dates and hours in the reader's language (docs/decisions/0019-languages.md). A text that depends on a count is
/// an ICU message in the resources — <c>{0, plural, one {# hour} other {# hours}}</c> — so each language lists the forms
/// its grammar has and ICU picks one by the CLDR plural rules of the reader's culture; no page decides "1 or more" by hand.
/// </summary>
public static class LocalizedFormats
{
    static LocalizedFormats() => Icu.Wrapper.Init();

    /// <summary>
    /// Formats an ICU message from the resources: argument 0 is the count (<c>#</c> inside a plural branch writes it in the
    /// reader's format), arguments 1 and 2 are texts already written out (a course's title, another number).
    /// </summary>
    public static string Plural(this LocalizedString message, decimal count, string? first = null, string? second = null)
    {
        // ICU parses the message on every call; the same message, locale and arguments always give the same words, and
        // pages ask for the same few (a lesson's minutes, a course's hours) again and again, so each is formatted once.
        var key = (message.Value, Locale(), count, first ?? "", second ?? "");
        if (Formatted.TryGetValue(key, out var words)) return words;
        words = Icu.MessageFormatter.Format(key.Value, key.Item2, (double)count, key.Item4, key.Item5);
        if (Formatted.Count < FormattedKept) Formatted.TryAdd(key, words);
        return words;
    }

    /// <summary>Messages already formatted; at most <see cref="FormattedKept"/> are kept (beyond that, ICU formats each anew).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Value, string, decimal, string, string), string> Formatted = new();

    private const int FormattedKept = 20_000;

    /// <summary>
    /// The plural rules are the words' language (the UI culture); the number's format is its readers' region (the culture,
    /// es-US for Spanish). Outside a request (no culture chosen) the words are the English ones.
    /// </summary>
    private static string Locale()
    {
        var formats = CultureInfo.CurrentCulture;
        var words = CultureInfo.CurrentUICulture;
        if (formats.TwoLetterISOLanguageName == words.TwoLetterISOLanguageName && formats.Name.Length > 0) return formats.Name;
        return words.Name.Length > 0 ? words.Name : "en";
    }

    /// <summary>
    /// A sentence the application composed as facts (a credential's progress, a gap, why hours do not count), worded in the
    /// reader's language: its texts through this localizer, its dates and counts in the reader's formats. The same
    /// <see cref="Phrase"/> is an e-mail's or a PDF's sentence through <see cref="Words"/>, and the CLI's in English.
    /// </summary>
    public static string Say(this IStringLocalizer l, Phrase phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return phrase.Say(english => l[english].Value, CultureInfo.CurrentCulture);
    }

    /// <summary>A number of hours: "1 hour", "0.75 hours", "2 horas".</summary>
    public static string Hours(this IStringLocalizer l, decimal hours) => l["{0, plural, one {# hour} other {# hours}}"].Plural(hours);

    /// <summary>A number written the way the reader's culture writes it, with at most two decimals ("0.75", "1,234.5").</summary>
    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.CurrentCulture);

    /// <summary>A day with its month's name, never a numeric date that reads differently in each country ("5 December 2026", "5 de diciembre de 2026").</summary>
    public static string Date(this IStringLocalizer l, DateOnly day) => day.ToString(l["d MMMM yyyy"].Value, CultureInfo.CurrentCulture);

    public static string Date(this IStringLocalizer l, DateTime day) => l.Date(DateOnly.FromDateTime(day));

    /// <summary>The same with the month's short name, for lists and tables ("5 Dec 2026", "5 dic 2026").</summary>
    public static string ShortDate(this IStringLocalizer l, DateOnly day) => day.ToString(l["d MMM yyyy"].Value, CultureInfo.CurrentCulture);
}
