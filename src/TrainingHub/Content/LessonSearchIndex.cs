using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace TrainingHub.Content;

/// <summary>
/// The lessons' titles and text, folded (lowercase, no accents) once per language on first use, so a search is a scan of
/// ~60 strings in memory: the courses come from files and change only with a deploy, so the database never holds them.
/// A reader of another language searches the lessons as they read them: the translation where one exists
/// (<see cref="CourseCatalog.InLanguage"/>), the original elsewhere.
/// </summary>
public sealed partial class LessonSearchIndex(CourseCatalog catalog)
{
    /// <param name="Language">The language of the lesson's words that matched: the reader's where translated, else "en".</param>
    public sealed record Hit(Course Course, Lesson Lesson, string Snippet, string Language);

    private sealed record Entry(Course Course, Lesson Lesson, string Title, string Text, string FoldedText, string Language);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<Entry>> _entries = new(StringComparer.Ordinal);

    private IReadOnlyList<Entry> EntriesIn(string language) => _entries.GetOrAdd(language, lang => catalog.Courses
        .SelectMany(original =>
        {
            var course = lang == "en" ? original : catalog.InLanguage(original, lang);
            return course.Lessons.Select(l =>
            {
                var text = PlainText(l.Html);
                var translated = lang != "en" && catalog.FindTranslation(original.Id, l.Id, lang) is not null;
                return new Entry(course, l, Fold(l.Title), text, Fold(text), translated ? lang : "en");
            });
        }).ToList());

    /// <summary>Lessons holding every word of <paramref name="text"/> in their title or text, as a reader of <paramref name="language"/> reads them; title matches first.</summary>
    public IReadOnlyList<Hit> Find(string text, int max, string language = "en")
    {
        var words = Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(8).ToList();
        if (words.Count == 0) return [];
        return EntriesIn(language)
            .Select(e => (Entry: e, InTitle: words.Count(w => e.Title.Contains(w, StringComparison.Ordinal)),
                All: words.All(w => e.Title.Contains(w, StringComparison.Ordinal) || e.FoldedText.Contains(w, StringComparison.Ordinal))))
            .Where(x => x.All)
            .OrderByDescending(x => x.InTitle)
            .Take(max)
            .Select(x => new Hit(x.Entry.Course, x.Entry.Lesson, Snippet(x.Entry, words), x.Entry.Language))
            .ToList();
    }

    /// <summary>About 160 characters of the text around the first word found there (the folded text keeps the original's positions).</summary>
    private static string Snippet(Entry e, IReadOnlyList<string> words)
    {
        var at = words.Select(w => e.FoldedText.IndexOf(w, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, at - 60);
        var length = Math.Min(160, e.Text.Length - start);
        var snippet = e.Text.Substring(start, length).Trim();
        return (start > 0 ? "… " : "") + snippet + (start + length < e.Text.Length ? " …" : "");
    }

    private static string PlainText(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    /// <summary>Lowercase without accents, one character for one, so positions in the folded text are those of the original.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                sb.Append(c);
                continue;
            }
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            var letter = decomposed.FirstOrDefault(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark);
            var folded = char.ToLowerInvariant(letter == default ? c : letter);
            sb.Append(char.IsWhiteSpace(folded) ? ' ' : folded);
        }
        return sb.ToString();
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
