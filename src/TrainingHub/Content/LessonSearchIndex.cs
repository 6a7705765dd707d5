using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace TrainingHub.Content;

/// <summary>
/// The lessons' titles and text, folded (lowercase, no accents) once at start-up, so a search is a scan of ~60 strings
/// in memory: the courses come from files and change only with a deploy, so the database never holds them.
/// </summary>
public sealed partial class LessonSearchIndex(CourseCatalog catalog)
{
    public sealed record Hit(Course Course, Lesson Lesson, string Snippet);

    private sealed record Entry(Course Course, Lesson Lesson, string Title, string Text, string FoldedText);

    private readonly Lazy<IReadOnlyList<Entry>> _entries = new(() => catalog.Courses
        .SelectMany(c => c.Lessons.Select(l =>
        {
            var text = PlainText(l.Html);
            return new Entry(c, l, Fold(l.Title), text, Fold(text));
        })).ToList());

    /// <summary>Lessons holding every word of <paramref name="text"/> in their title or text; title matches first.</summary>
    public IReadOnlyList<Hit> Find(string text, int max)
    {
        var words = Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(8).ToList();
        if (words.Count == 0) return [];
        return _entries.Value
            .Select(e => (Entry: e, InTitle: words.Count(w => e.Title.Contains(w, StringComparison.Ordinal)),
                All: words.All(w => e.Title.Contains(w, StringComparison.Ordinal) || e.FoldedText.Contains(w, StringComparison.Ordinal))))
            .Where(x => x.All)
            .OrderByDescending(x => x.InTitle)
            .Take(max)
            .Select(x => new Hit(x.Entry.Course, x.Entry.Lesson, Snippet(x.Entry, words)))
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
