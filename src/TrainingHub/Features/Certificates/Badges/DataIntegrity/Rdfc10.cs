using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrainingHub.Features.Certificates.Badges.DataIntegrity;

/// <summary>
/// RDF Dataset Canonicalization (W3C Recommendation RDFC-1.0, SHA-256) and canonical N-Quads. Blank nodes get the labels
/// c14n0, c14n1, … from their first-degree hashes, and the Hash N-Degree Quads algorithm breaks ties. Lines are sorted
/// by UTF-16 code unit, as the reference implementation (rdf-canonize) does; tests compare the output with it.
/// </summary>
public static class Rdfc10
{
    /// <summary>The canonical N-Quads document: one line per quad, each ending in " .\n", sorted.</summary>
    public static string Canonicalize(IReadOnlyList<Quad> dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new State(dataset).Run();
    }

    private sealed class IdentifierIssuer(string prefix)
    {
        private int _counter;
        public List<string> Order { get; private init; } = [];
        public Dictionary<string, string> Issued { get; private init; } = new(StringComparer.Ordinal);

        public string Issue(string existing)
        {
            if (Issued.TryGetValue(existing, out var id)) return id;
            id = prefix + (_counter++).ToString(CultureInfo.InvariantCulture);
            Issued[existing] = id;
            Order.Add(existing);
            return id;
        }

        public bool Has(string existing) => Issued.ContainsKey(existing);

        public IdentifierIssuer Copy() => new(prefix) { _counter = _counter, Order = [.. Order], Issued = new(Issued, StringComparer.Ordinal) };
    }

    private sealed class State
    {
        private readonly IReadOnlyList<Quad> _dataset;
        private readonly Dictionary<string, List<Quad>> _quadsOf = new(StringComparer.Ordinal);
        private readonly IdentifierIssuer _canonical = new("c14n");

        public State(IReadOnlyList<Quad> dataset)
        {
            _dataset = dataset;
            foreach (var quad in dataset)
            {
                foreach (var term in new[] { quad.Subject, quad.Object })
                {
                    if (term.Kind != RdfTermKind.Blank) continue;
                    if (!_quadsOf.TryGetValue(term.Value, out var list)) _quadsOf[term.Value] = list = [];
                    if (!list.Contains(quad)) list.Add(quad);
                }
            }
        }

        public string Run()
        {
            // Step 3-5: first-degree hashes; nodes with a unique hash get their canonical label in hash order.
            var byHash = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var node in _quadsOf.Keys)
            {
                var hash = HashFirstDegree(node);
                if (!byHash.TryGetValue(hash, out var nodes)) byHash[hash] = nodes = [];
                nodes.Add(node);
            }
            var shared = new List<List<string>>();
            foreach (var (_, nodes) in byHash)
            {
                if (nodes.Count == 1) _canonical.Issue(nodes[0]);
                else shared.Add(nodes);
            }
            // Step 6: the rest by N-degree hashes.
            foreach (var nodes in shared)
            {
                var paths = new List<(string Hash, IdentifierIssuer Issuer)>();
                foreach (var node in nodes)
                {
                    if (_canonical.Has(node)) continue;
                    var temporary = new IdentifierIssuer("b");
                    temporary.Issue(node);
                    paths.Add(HashNDegree(node, temporary));
                }
                foreach (var (_, issuer) in paths.OrderBy(p => p.Hash, StringComparer.Ordinal))
                {
                    foreach (var existing in issuer.Order) _canonical.Issue(existing);
                }
            }
            var lines = _dataset.Select(q => Line(q, t => _canonical.Issued[t])).Distinct(StringComparer.Ordinal).ToList();
            lines.Sort(StringComparer.Ordinal);
            return string.Concat(lines);
        }

        private string HashFirstDegree(string reference)
        {
            var lines = _quadsOf[reference].Select(q => Line(q, label => label == reference ? "a" : "z")).ToList();
            lines.Sort(StringComparer.Ordinal);
            return Sha256Hex(string.Concat(lines));
        }

        private string HashRelated(string related, Quad quad, IdentifierIssuer issuer, char position)
        {
            var identifier = _canonical.Issued.TryGetValue(related, out var c) ? "_:" + c
                : issuer.Issued.TryGetValue(related, out var t) ? "_:" + t
                : HashFirstDegree(related);
            var input = new StringBuilder().Append(position);
            if (position != 'g') input.Append('<').Append(quad.Predicate.Value).Append('>');
            input.Append(identifier);
            return Sha256Hex(input.ToString());
        }

        private (string Hash, IdentifierIssuer Issuer) HashNDegree(string identifier, IdentifierIssuer issuer)
        {
            var relatedByHash = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var quad in _quadsOf[identifier])
            {
                foreach (var (term, position) in new[] { (quad.Subject, 's'), (quad.Object, 'o') })
                {
                    if (term.Kind != RdfTermKind.Blank || term.Value == identifier) continue;
                    var hash = HashRelated(term.Value, quad, issuer, position);
                    if (!relatedByHash.TryGetValue(hash, out var list)) relatedByHash[hash] = list = [];
                    list.Add(term.Value);
                }
            }
            var data = new StringBuilder();
            foreach (var (relatedHash, nodes) in relatedByHash)
            {
                data.Append(relatedHash);
                string chosenPath = "";
                IdentifierIssuer? chosenIssuer = null;
                foreach (var permutation in Permutations(nodes))
                {
                    var issuerCopy = issuer.Copy();
                    var path = new StringBuilder();
                    var recursion = new List<string>();
                    var skip = false;
                    foreach (var related in permutation)
                    {
                        if (_canonical.Issued.TryGetValue(related, out var canonicalId))
                        {
                            path.Append("_:").Append(canonicalId);
                        }
                        else
                        {
                            if (!issuerCopy.Has(related)) recursion.Add(related);
                            path.Append("_:").Append(issuerCopy.Issue(related));
                        }
                        if (chosenPath.Length != 0 && path.Length >= chosenPath.Length && string.CompareOrdinal(path.ToString(), chosenPath) > 0)
                        {
                            skip = true;
                            break;
                        }
                    }
                    if (skip) continue;
                    foreach (var related in recursion)
                    {
                        var result = HashNDegree(related, issuerCopy);
                        path.Append("_:").Append(issuerCopy.Issue(related)).Append('<').Append(result.Hash).Append('>');
                        issuerCopy = result.Issuer;
                        if (chosenPath.Length != 0 && path.Length >= chosenPath.Length && string.CompareOrdinal(path.ToString(), chosenPath) > 0)
                        {
                            skip = true;
                            break;
                        }
                    }
                    if (skip) continue;
                    if (chosenPath.Length == 0 || string.CompareOrdinal(path.ToString(), chosenPath) < 0)
                    {
                        chosenPath = path.ToString();
                        chosenIssuer = issuerCopy;
                    }
                }
                data.Append(chosenPath);
                issuer = chosenIssuer!;
            }
            return (Sha256Hex(data.ToString()), issuer);
        }
    }

    private static IEnumerable<List<string>> Permutations(List<string> items)
    {
        if (items.Count > 8) throw new InvalidOperationException("Too many indistinguishable blank nodes to canonicalize.");
        if (items.Count <= 1)
        {
            yield return [.. items];
            yield break;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest)) yield return [items[i], .. tail];
        }
    }

    /// <summary>One canonical N-Quads line, blank node labels mapped by <paramref name="label"/>.</summary>
    private static string Line(Quad quad, Func<string, string> label)
    {
        var line = new StringBuilder();
        Term(line, quad.Subject, label).Append(' ');
        Term(line, quad.Predicate, label).Append(' ');
        Term(line, quad.Object, label).Append(" .\n");
        return line.ToString();
    }

    private static StringBuilder Term(StringBuilder line, RdfTerm term, Func<string, string> label)
    {
        switch (term.Kind)
        {
            case RdfTermKind.Iri:
                return line.Append('<').Append(EscapeIri(term.Value)).Append('>');
            case RdfTermKind.Blank:
                return line.Append("_:").Append(label(term.Value));
            default:
                line.Append('"').Append(EscapeLiteral(term.Value)).Append('"');
                if (term.Datatype is { } datatype && datatype != JsonLdToRdf.XsdString) line.Append("^^<").Append(EscapeIri(datatype)).Append('>');
                return line;
        }
    }

    /// <summary>RDFC-1.0's canonical N-Quads string escapes: \b \t \n \f \r \" \\, other controls as \uXXXX.</summary>
    public static string EscapeLiteral(string value)
    {
        var result = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            result.Append(c switch
            {
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\f' => "\\f",
                '\r' => "\\r",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c <= '\u001F' || c == '\u007F' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return result.ToString();
    }

    private static string EscapeIri(string iri)
    {
        var result = new StringBuilder(iri.Length);
        foreach (var c in iri)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\') result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else result.Append(c);
        }
        return result.ToString();
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
