using System.Globalization;

namespace TrainingHub.Localization;

/// <summary>
/// A sentence the application composes about a person's records (a credential's progress, a gap, why hours do not count),
/// kept as facts: the English text that is its resource key and the values that go into it. Each reader words it in
/// their own language: a page through its localizer (<c>CredentialWords</c> in the web project), an e-mail or a PDF
/// through <see cref="Words"/>, the CLI and the tests in English (<see cref="English"/>). So the logic that decides
/// what to say is written once, and only the words differ (docs/decisions/0019-languages.md).
/// </summary>
/// <remarks>
/// Values are written out by kind: a <see cref="Phrase"/> in the same language, a <see cref="DateOnly"/> with the
/// language's date pattern (<c>d MMMM yyyy</c>), a <see cref="decimal"/> as the exact number of hours in the same
/// digits in every language (0.75, never 0,75: ADR 0019), a string as it is (a credential's, board's or domain's name:
/// the board's own words). A counted phrase is an ICU message: argument 0 is the count, arguments 1 and 2 its values.
/// </remarks>
public sealed class Phrase
{
    static Phrase() => Icu.Wrapper.Init();

    private Phrase(string text, bool content, decimal? count, object[] values)
    {
        Text = text;
        IsContent = content;
        Count = count;
        Values = values;
    }

    /// <summary>The English text, which is the key of its translations; or, for <see cref="IsContent"/>, the text itself.</summary>
    public string Text { get; }

    /// <summary>Not the site's words but the record's (a training's title): shown as it is, in every language.</summary>
    public bool IsContent { get; }

    public decimal? Count { get; }

    public IReadOnlyList<object> Values { get; }

    public static Phrase Of(string english, params object[] values) => new(english, false, null, values);

    /// <summary>An ICU message, <c>{0, plural, one {…} other {…}}</c>, chosen by <paramref name="count"/>; at most two values, {1} and {2}.</summary>
    public static Phrase Counted(string english, decimal count, params object[] values)
    {
        if (values.Length > 2) throw new ArgumentException("A counted phrase takes at most two values.", nameof(values));
        return new(english, false, count, values);
    }

    /// <summary>A record's own text (a training's title), never translated.</summary>
    public static Phrase Content(string text) => new(text, true, null, []);

    /// <summary>Items joined pairwise by <paramref name="english"/> ("{0} and {1}"), so the translator words the joint.</summary>
    public static Phrase Join(string english, IEnumerable<Phrase> items) =>
        items.Aggregate((Phrase?)null, (joined, item) => joined is null ? item : Of(english, joined, item))
        ?? throw new ArgumentException("Nothing to join.", nameof(items));

    /// <summary>The phrase in English, as the CLI, the tests and every English reader see it.</summary>
    public string English => Say(english => english, CultureInfo.GetCultureInfo("en"));

    public override string ToString() => English;

    /// <summary>The phrase in one language: <paramref name="translate"/> gives a text's translation, <paramref name="culture"/> its formats.</summary>
    public string Say(Func<string, string> translate, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(translate);
        ArgumentNullException.ThrowIfNull(culture);
        if (IsContent) return Text;
        var pattern = translate(Text);
        var values = Values.Select(v => Value(v, translate, culture)).ToArray();
        if (Count is not { } count) return string.Format(culture, pattern, values);
        var locale = culture.Name.Length > 0 ? culture.Name : "en";
        return Icu.MessageFormatter.Format(pattern, locale, (double)count, values.ElementAtOrDefault(0) ?? "", values.ElementAtOrDefault(1) ?? "");
    }

    private static string Value(object value, Func<string, string> translate, CultureInfo culture) => value switch
    {
        Phrase phrase => phrase.Say(translate, culture),
        DateOnly day => day.ToString(translate("d MMMM yyyy"), culture),
        decimal hours => hours.ToString("0.############################", CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
