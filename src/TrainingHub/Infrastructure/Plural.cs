using System.Globalization;

namespace TrainingHub.Infrastructure;

/// <summary>
/// Singular or plural for the English-only texts of the operator's tools (the CLI's "1 problem found."), so that no
/// text says "problem(s)". Every text a person reads in the site, an e-mail or a PDF is an ICU message instead
/// ("{0, plural, one {# hour} other {# hours}}", <c>LocalizedFormats.Plural</c> in the web project, ADR 0019), which
/// knows each language's plural rules.
/// </summary>
public static class Plural
{
    /// <summary>The format for <paramref name="count"/>: <paramref name="one"/> for exactly 1, else <paramref name="other"/>.</summary>
    public static string Form(decimal count, string one, string other) => count == 1 ? one : other;

    /// <summary>The chosen format with the count in place of {0}, e.g. Format(2, "{0} problem", "{0} problems").</summary>
    public static string Format(decimal count, string one, string other) =>
        string.Format(CultureInfo.CurrentCulture, Form(count, one, other), count);
}
