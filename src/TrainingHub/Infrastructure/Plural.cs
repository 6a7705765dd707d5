using System.Globalization;

namespace TrainingHub.Infrastructure;

/// <summary>
/// The one place that chooses between a text's singular and plural ("1 item", "2 items"), so that no text says
/// "item(s)" and a language with more plural forms changes this method, not every page (ADR 0019). English and
/// Spanish both have the forms "one" (exactly 1) and "other".
/// </summary>
public static class Plural
{
    /// <summary>The format for <paramref name="count"/>: <paramref name="one"/> for exactly 1, else <paramref name="other"/>.</summary>
    public static string Form(decimal count, string one, string other) => count == 1 ? one : other;

    /// <summary>The chosen format with the count in place of {0}, e.g. Format(2, "{0} problem", "{0} problems").</summary>
    public static string Format(decimal count, string one, string other) =>
        string.Format(CultureInfo.CurrentCulture, Form(count, one, other), count);
}
