using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TrainingHub.Content;

/// <summary>
/// Rule "reading-level": a lesson's participant text reads at Flesch-Kincaid grade 9 or below.
/// Grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59.
/// <para>
/// What is counted: the lesson body (its model answer included), without headings, quotations (a '>' quote, text in
/// quotation marks), citations (a "(Author, 2021)" in brackets, a "Source:" line, a References or Sources section),
/// web addresses and the link part of a link. Each list item and each table cell ends a sentence, as does '.', '!' or
/// '?' before a space; common abbreviations (e.g., U.S., Dr.) do not. A word is a run of letters (numbers are not
/// words).
/// </para>
/// <para>
/// Syllables are counted by rule, not from a dictionary: the groups of vowels (a, e, i, o, u, y) in the word, less a
/// silent final "e" (but "-le" after a consonant is a syllable: "ta-ble"), less "-ed" unless after t or d ("walked",
/// "want-ed"), less "-es" unless after s, x, z, ch, sh, g or c ("makes", "box-es"); plus one for "io"/"ia"/"iu" split
/// in two ("o-pi-oid", "pe-ri-od", but not "-tion", "-cial"), plus one for a vowel before a final "-ing" ("be-ing");
/// at least one per word. This agrees with dictionary counts for most plain English words and errs by a syllable on
/// some long ones, which moves a lesson's grade by a few tenths at most.
/// </para>
/// </summary>
public static partial class ReadingLevel
{
    public const decimal MaximumGrade = 9m;

    public sealed record Measure(int Words, int Sentences, int Syllables)
    {
        public decimal Grade => Words == 0 || Sentences == 0
            ? 0
            : Math.Round(0.39m * Words / Sentences + 11.8m * Syllables / Words - 15.59m, 1, MidpointRounding.AwayFromZero);

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"grade {Grade:0.0} ({Words} words, {Sentences} sentences, {Syllables} syllables)");
    }

    /// <summary>Measures markdown text (a lesson body without its front matter).</summary>
    public static Measure Of(IEnumerable<string> bodyLines) => OfSentences(Sentences(bodyLines));

    internal static Measure OfSentences(IReadOnlyList<string> sentences)
    {
        int words = 0, syllables = 0, counted = 0;
        foreach (var sentence in sentences)
        {
            var inSentence = WordPattern().Matches(sentence).Select(m => m.Value).ToList();
            if (inSentence.Count == 0) continue;
            counted++;
            words += inSentence.Count;
            syllables += inSentence.Sum(Syllables);
        }
        return new Measure(words, counted, syllables);
    }

    /// <summary>The sentences the grade is computed from, in the order they appear (see the class summary).</summary>
    public static IReadOnlyList<string> Sentences(IEnumerable<string> bodyLines)
    {
        var units = new List<string>();
        var paragraph = new StringBuilder();
        void Flush()
        {
            if (paragraph.Length > 0) units.Add(paragraph.ToString());
            paragraph.Clear();
        }
        var inFence = false;
        var inReferences = false;
        foreach (var raw in bodyLines)
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal)) { inFence = !inFence; Flush(); continue; }
            if (inFence) continue;
            if (line.StartsWith('#'))
            {
                Flush();
                inReferences = ReferencesHeading().IsMatch(line);
                continue;
            }
            if (inReferences) continue;
            if (line.Length == 0 || line.StartsWith('>') || SourceLine().IsMatch(line) || Rule().IsMatch(line)) { Flush(); continue; }
            if (line.StartsWith('|'))
            {
                Flush();
                if (!TableSeparator().IsMatch(line)) units.AddRange(line.Trim('|').Split('|'));
                continue;
            }
            if (ListItem().Match(line) is { Success: true } item)
            {
                Flush();
                line = line[item.Length..];
            }
            if (paragraph.Length > 0) paragraph.Append(' ');
            paragraph.Append(line);
        }
        Flush();
        return units.SelectMany(u => SentenceEnd().Split(Clean(u))).Where(s => WordPattern().IsMatch(s)).ToList();
    }

    private static string Clean(string text)
    {
        text = Link().Replace(text, "$1");
        text = WebAddress().Replace(text, " ");
        text = Citation().Replace(text, " ");
        text = Quotation().Replace(text, m => TerminalInQuote().IsMatch(m.Value) ? ". " : " ");
        text = Abbreviation().Replace(text, m => m.Value.Replace(".", "", StringComparison.Ordinal));
        return text.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
    }

    /// <summary>Syllables of one word, by the rules in the class summary.</summary>
    public static int Syllables(string word)
    {
        var w = new string(word.ToLowerInvariant().Where(char.IsAsciiLetterLower).ToArray());
        if (w.Length == 0) return 0;
        if (w.Length <= 3) return 1;
        var extra = 0;
        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 4 && IsVowel(w[^4]) && w[^4] != 'y') extra++;
        if (w.EndsWith("ed", StringComparison.Ordinal) && w[^3] is not ('t' or 'd')) w = w[..^2];
        else if (w.EndsWith("es", StringComparison.Ordinal) && !SibilantEs().IsMatch(w)) w = w[..^2];
        else if (w.EndsWith('e') && !(w.EndsWith("le", StringComparison.Ordinal) && w.Length > 2 && !IsVowel(w[^3]))) w = w[..^1];
        var groups = VowelGroup().Count(w);
        extra += SplitVowels().Count(w);
        return Math.Max(1, groups + extra);
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    [GeneratedRegex(@"[A-Za-z][A-Za-z'’]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroup();

    [GeneratedRegex("(?<![cts])i[aou](?!n$|ns$|us$)")]
    private static partial Regex SplitVowels();

    [GeneratedRegex("(s|x|z|ch|sh|g|c)es$")]
    private static partial Regex SibilantEs();

    [GeneratedRegex(@"^#+\s*(references|sources|further reading)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReferencesHeading();

    [GeneratedRegex(@"^(\*\*)?(sources?|references?)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^(-{3,}|\*{3,}|_{3,})$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\|?\s*:?-{2,}")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"(?<=[.!?][""”’')\]*_]*)\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"\([^()]*\b(1[89]|20)\d\d[a-z]?\)")]
    private static partial Regex Citation();

    [GeneratedRegex("\"[^\"]*\"|“[^”]*”")]
    private static partial Regex Quotation();

    [GeneratedRegex("[.!?][\"”]$")]
    private static partial Regex TerminalInQuote();

    [GeneratedRegex(@"\b(e\.g\.|i\.e\.|U\.S\.|U\.S\.A\.|Dr\.|Mr\.|Mrs\.|Ms\.|St\.|vs\.|etc\.|a\.m\.|p\.m\.|No\.|approx\.)", RegexOptions.IgnoreCase)]
    private static partial Regex Abbreviation();
}
