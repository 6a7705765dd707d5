using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TrainingHub.Content;

/// <summary>Reads one YAML document and reports every problem with the file and line it is on.</summary>
internal sealed class YamlFile
{
    private readonly List<ContentProblem> _problems;
    private readonly int _lineOffset;

    public string File { get; }
    public YamlNode? Root { get; }

    public YamlFile(string file, string text, int lineOffset, List<ContentProblem> problems)
    {
        File = file;
        _lineOffset = lineOffset;
        _problems = problems;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            Root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException e)
        {
            Problem((int)e.Start.Line + _lineOffset, "this is not valid YAML: " + FirstSentence(e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up without a position on some unclosed brackets and quotes.
            Problem(_lineOffset + 1, "this is not valid YAML: check for an unclosed [ ], { } or quote");
        }
        if (Root is null && !_problems.Any(p => p.File == file))
        {
            Problem(_lineOffset + 1, "the file is empty");
        }
    }

    public int LineOf(YamlNode node) => (int)node.Start.Line + _lineOffset;

    public void Problem(int line, string message, ProblemKind kind = ProblemKind.Structure) =>
        _problems.Add(new ContentProblem(File, Math.Max(1, line), kind, message));

    public void ProblemAt(YamlNode node, string message, ProblemKind kind = ProblemKind.Structure) =>
        _problems.Add(new ContentProblem(File, LineOf(node), kind, message));

    public YamlMappingNode? RootMapping(string what)
    {
        if (Root is null) return null;
        if (Root is YamlMappingNode m) return m;
        ProblemAt(Root, $"{what} must be a set of 'key: value' lines");
        return null;
    }

    public void AllowOnly(YamlMappingNode map, params string[] keys)
    {
        foreach (var (k, _) in map.Children)
        {
            var name = ((YamlScalarNode)k).Value ?? "";
            if (!keys.Contains(name, StringComparer.Ordinal))
            {
                ProblemAt(k, $"unknown key '{name}' (expected one of: {string.Join(", ", keys)})");
            }
        }
    }

    public YamlNode? Node(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n : null;

    public string? String(YamlMappingNode map, string key, bool required)
    {
        var n = Node(map, key);
        if (n is null)
        {
            if (required) Problem(LineOf(map), $"'{key}' is missing");
            return null;
        }
        if (n is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)) return s.Value!.Trim();
        ProblemAt(n, $"'{key}' must be a text value");
        return null;
    }

    public decimal? Decimal(YamlMappingNode map, string key, bool required)
    {
        var text = String(map, key, required);
        if (text is null) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return d;
        ProblemAt(Node(map, key)!, $"'{key}' must be a number, not '{text}'");
        return null;
    }

    public int? Int(YamlMappingNode map, string key, bool required)
    {
        var text = String(map, key, required);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
        ProblemAt(Node(map, key)!, $"'{key}' must be a whole number, not '{text}'");
        return null;
    }

    public bool? Bool(YamlMappingNode map, string key)
    {
        var text = String(map, key, required: false);
        if (text is null) return null;
        if (bool.TryParse(text, out var b)) return b;
        ProblemAt(Node(map, key)!, $"'{key}' must be true or false, not '{text}'");
        return null;
    }

    public IReadOnlyList<string> StringList(YamlMappingNode map, string key, bool required)
    {
        var n = Node(map, key);
        if (n is null)
        {
            if (required) Problem(LineOf(map), $"'{key}' is missing");
            return [];
        }
        if (n is not YamlSequenceNode seq)
        {
            ProblemAt(n, $"'{key}' must be a list");
            return [];
        }
        var result = new List<string>();
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)) result.Add(s.Value!.Trim());
            else ProblemAt(item, $"every item of '{key}' must be a text value");
        }
        if (required && result.Count == 0) ProblemAt(n, $"'{key}' needs at least one item");
        return result;
    }

    public IEnumerable<YamlMappingNode> MappingList(YamlMappingNode map, string key, bool required)
    {
        var n = Node(map, key);
        if (n is null)
        {
            if (required) Problem(LineOf(map), $"'{key}' is missing");
            yield break;
        }
        if (n is not YamlSequenceNode seq)
        {
            ProblemAt(n, $"'{key}' must be a list");
            yield break;
        }
        foreach (var item in seq.Children)
        {
            if (item is YamlMappingNode m) yield return m;
            else ProblemAt(item, $"every item of '{key}' must be a set of 'key: value' pairs");
        }
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(": ", StringComparison.Ordinal);
        return i > 0 && message.StartsWith('(') ? message[(i + 2)..] : message;
    }
}
