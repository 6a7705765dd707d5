using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TrainingHub.Features.Certificates.Badges.DataIntegrity;

/// <summary>A document this processor will not turn into RDF: issuing it would sign something other than what it says.</summary>
public sealed class JsonLdException(string message) : Exception(message);

/// <summary>
/// JSON-LD 1.1 expansion and "Deserialize JSON-LD to RDF" (W3C JSON-LD 1.1 Processing Algorithms, sections 4.1, 5.1,
/// 5.2 and 8) for the credentials the institute issues, and only those (ADR 0017). The contexts are the exact files the
/// Digital Credentials Consortium's verifier loads offline, embedded here and never fetched. It supports what those
/// contexts use: term definitions, keyword aliases, compact IRIs, <c>@vocab</c>, <c>@protected</c>, type-scoped and
/// property-scoped contexts, <c>@id</c>/<c>@vocab</c>/datatype coercion and <c>@set</c> containers. Anything else
/// (a term no context defines, a list, a graph container, a language, a JSON literal, a relative IRI, a fractional
/// number, an unknown context) throws <see cref="JsonLdException"/>, as jsonld.js's safe mode does: a property is never
/// silently dropped from what gets signed.
/// </summary>
public static partial class JsonLdToRdf
{
    public const string RdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    public const string XsdString = "http://www.w3.org/2001/XMLSchema#string";
    public const string XsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean";
    public const string XsdInteger = "http://www.w3.org/2001/XMLSchema#integer";
    public const string XsdDouble = "http://www.w3.org/2001/XMLSchema#double";

    /// <summary>Context URL → embedded file: the copies verifier-core's document loader ships (tools/verifiers/node_modules).</summary>
    private static readonly Dictionary<string, string> KnownContexts = new(StringComparer.Ordinal)
    {
        [CertificateBadge.CredentialsContext] = "credentials-v2.jsonld",
        [CertificateBadge.OpenBadgesContext] = "ob-context-3.0.3.json",
    };

    private static readonly Lazy<Dictionary<string, JsonNode>> LoadedContexts = new(() => KnownContexts.ToDictionary(
        k => k.Key,
        k =>
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("TrainingHub.JsonLdContexts." + k.Value)
                ?? throw new InvalidOperationException($"The JSON-LD context {k.Value} is not embedded in the assembly.");
            return (JsonNode.Parse(stream) as JsonObject)?["@context"] ?? throw new InvalidOperationException($"{k.Value} has no @context.");
        },
        StringComparer.Ordinal));

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph", "@id", "@import",
        "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault", "@prefix", "@preserve",
        "@propagate", "@protected", "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    };

    [GeneratedRegex("^@[a-zA-Z]+$")]
    private static partial Regex KeywordForm();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex AbsoluteIriForm();

    /// <summary>The RDF dataset (default graph only) the JSON-LD document denotes, duplicates removed.</summary>
    public static IReadOnlyList<Quad> ToRdf(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var expanded = Expand(new ActiveContext(), null, document);
        var items = expanded switch
        {
            null => [],
            JsonArray array => array.ToList(),
            _ => [expanded],
        };
        var writer = new RdfWriter();
        foreach (var item in items)
        {
            if (item is not JsonObject node || node.ContainsKey("@value"))
            {
                throw new JsonLdException("The document's top level must be a node object.");
            }
            writer.Node(node);
        }
        return writer.Quads;
    }

    // ----- Context processing (JSON-LD 1.1 API, 4.1) -----

    private sealed record TermDefinition(string Iri, string? Type, string? Container, JsonNode? LocalContext, bool Protected, bool Prefix)
    {
        /// <summary>Equal apart from <c>@protected</c>: the only redefinition a protected term allows.</summary>
        public bool SameAs(TermDefinition other) =>
            Iri == other.Iri && Type == other.Type && Container == other.Container && Prefix == other.Prefix
            && JsonNode.DeepEquals(LocalContext, other.LocalContext);
    }

    private sealed class ActiveContext
    {
        public Dictionary<string, TermDefinition> Terms { get; private init; } = new(StringComparer.Ordinal);
        public string? Vocab { get; set; }
        public ActiveContext? Previous { get; set; }

        public ActiveContext Clone() => new() { Terms = new(Terms, StringComparer.Ordinal), Vocab = Vocab, Previous = Previous };

        public TermDefinition? Term(string? term) => term is not null && Terms.TryGetValue(term, out var d) ? d : null;
    }

    private static ActiveContext ProcessContext(ActiveContext active, JsonNode? local, bool overrideProtected = false, bool propagate = true, int depth = 0)
    {
        if (depth > 10) throw new JsonLdException("The JSON-LD contexts include each other too deeply.");
        var result = active.Clone();
        if (local is JsonObject { } withPropagate && withPropagate["@propagate"] is JsonValue p) propagate = p.GetValue<bool>();
        if (!propagate && result.Previous is null) result.Previous = active;
        var contexts = local is JsonArray array ? array.ToList() : [local];
        foreach (var context in contexts)
        {
            switch (context)
            {
                case null:
                    throw new JsonLdException("A null @context is not supported for issued credentials.");
                case JsonValue url when url.TryGetValue<string>(out var address):
                    if (!LoadedContexts.Value.TryGetValue(address, out var loaded))
                    {
                        throw new JsonLdException($"The context {address} is not one this issuer embeds; contexts are never fetched at issuance.");
                    }
                    result = ProcessContext(result, loaded, depth: depth + 1);
                    continue;
                case JsonObject map:
                    ProcessMap(result, map, overrideProtected);
                    continue;
                default:
                    throw new JsonLdException("A @context must be a URL or an object.");
            }
        }
        return result;
    }

    private static void ProcessMap(ActiveContext result, JsonObject map, bool overrideProtected)
    {
        foreach (var unsupported in new[] { "@base", "@import", "@language", "@direction" })
        {
            if (map.ContainsKey(unsupported)) throw new JsonLdException($"The context keyword {unsupported} is not supported for issued credentials.");
        }
        if (map["@version"] is { } version && version.GetValueKind() != System.Text.Json.JsonValueKind.Number)
        {
            throw new JsonLdException("@version must be 1.1.");
        }
        if (map.ContainsKey("@vocab"))
        {
            if (map["@vocab"] is null)
            {
                result.Vocab = null;
            }
            else
            {
                var vocab = ExpandIri(result, map["@vocab"]!.GetValue<string>(), documentRelative: true, vocab: true);
                if (vocab is null || !(AbsoluteIriForm().IsMatch(vocab) || vocab.StartsWith("_:", StringComparison.Ordinal)))
                {
                    throw new JsonLdException($"@vocab \"{map["@vocab"]}\" is not an absolute IRI.");
                }
                result.Vocab = vocab;
            }
        }
        var protectedDefault = map["@protected"]?.GetValue<bool>() ?? false;
        var defined = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (term, _) in map)
        {
            if (term is "@version" or "@vocab" or "@protected" or "@propagate") continue;
            CreateTermDefinition(result, map, term, defined, protectedDefault, overrideProtected);
        }
    }

    private static void CreateTermDefinition(ActiveContext active, JsonObject local, string term, Dictionary<string, bool> defined,
        bool protectedDefault, bool overrideProtected)
    {
        if (defined.TryGetValue(term, out var done))
        {
            if (done) return;
            throw new JsonLdException($"The term \"{term}\" is defined in a cycle.");
        }
        if (term.Length == 0) throw new JsonLdException("A term cannot be empty.");
        defined[term] = false;
        var value = local[term];
        if (Keywords.Contains(term) || KeywordForm().IsMatch(term))
        {
            throw new JsonLdException($"The keyword \"{term}\" cannot be redefined.");
        }
        var previous = active.Term(term);
        active.Terms.Remove(term);

        var simpleTerm = value is JsonValue;
        var map = value switch
        {
            JsonValue s when s.TryGetValue<string>(out var iri) => new JsonObject { ["@id"] = iri },
            JsonObject o => o,
            _ => throw new JsonLdException($"The term \"{term}\" has a definition this processor does not support."),
        };
        foreach (var (key, _) in map)
        {
            if (key is not ("@id" or "@type" or "@container" or "@context" or "@protected"))
            {
                throw new JsonLdException($"The term \"{term}\" uses {key}, which is not supported for issued credentials.");
            }
        }
        var isProtected = map["@protected"]?.GetValue<bool>() ?? protectedDefault;

        string? type = null;
        if (map["@type"] is { } typeNode)
        {
            type = ExpandIri(active, typeNode.GetValue<string>(), vocab: true, local: local, defined: defined);
            // @json may be defined (the VC context does, for terms we never use); using such a term fails in Expand.
            if (type is not ("@id" or "@vocab" or "@json") && (type is null || !AbsoluteIriForm().IsMatch(type)))
            {
                throw new JsonLdException($"The term \"{term}\" has a type mapping (\"{typeNode}\") that is not supported for issued credentials.");
            }
        }

        string iriMapping;
        var prefix = false;
        var colon = term.IndexOf(':', 1);
        if (map.ContainsKey("@id") && map["@id"]?.GetValue<string>() != term)
        {
            var id = map["@id"]?.GetValue<string>() ?? throw new JsonLdException($"The term \"{term}\" maps to null, which is not supported.");
            iriMapping = ExpandIri(active, id, vocab: true, local: local, defined: defined)
                ?? throw new JsonLdException($"The term \"{term}\" maps to \"{id}\", which is not an IRI.");
            if (!Keywords.Contains(iriMapping) && !iriMapping.Contains(':', StringComparison.Ordinal))
            {
                throw new JsonLdException($"The term \"{term}\" maps to \"{id}\", which is not an IRI.");
            }
            if (iriMapping == "@context") throw new JsonLdException("A term cannot alias @context.");
            if (colon > 0 || term.AsSpan(1, Math.Max(0, term.Length - 2)).Contains('/'))
            {
                defined[term] = true;
                if (ExpandIri(active, term, vocab: true, local: local, defined: defined) != iriMapping)
                {
                    throw new JsonLdException($"The term \"{term}\" looks like an IRI but maps to a different one.");
                }
            }
            if (!term.Contains(':', StringComparison.Ordinal) && !term.Contains('/', StringComparison.Ordinal) && simpleTerm
                && (iriMapping.StartsWith("_:", StringComparison.Ordinal) || ":/?#[]@".Contains(iriMapping[^1], StringComparison.Ordinal)))
            {
                prefix = true;
            }
        }
        else if (colon > 0)
        {
            var head = term[..colon];
            if (local.ContainsKey(head)) CreateTermDefinition(active, local, head, defined, protectedDefault, overrideProtected);
            iriMapping = active.Term(head) is { } headDefinition ? headDefinition.Iri + term[(colon + 1)..] : term;
        }
        else if (term.Contains('/', StringComparison.Ordinal))
        {
            iriMapping = ExpandIri(active, term, vocab: true) is { } expanded && AbsoluteIriForm().IsMatch(expanded)
                ? expanded
                : throw new JsonLdException($"The term \"{term}\" is not an IRI.");
        }
        else if (active.Vocab is { } vocabulary)
        {
            iriMapping = vocabulary + term;
        }
        else
        {
            throw new JsonLdException($"The term \"{term}\" has no IRI and the context has no @vocab.");
        }

        string? container = null;
        if (map["@container"] is { } containerNode)
        {
            container = containerNode switch
            {
                JsonValue v => v.GetValue<string>(),
                JsonArray { Count: 1 } a => a[0]!.GetValue<string>(),
                _ => throw new JsonLdException($"The term \"{term}\" has a container this processor does not support."),
            };
            if (container is not ("@set" or "@list" or "@graph"))
            {
                throw new JsonLdException($"The term \"{term}\" has the container {container}, which is not supported for issued credentials.");
            }
        }

        var definition = new TermDefinition(iriMapping, type, container, map["@context"]?.DeepClone(), isProtected, prefix);
        if (!overrideProtected && previous is { Protected: true })
        {
            if (!definition.SameAs(previous)) throw new JsonLdException($"The protected term \"{term}\" cannot be redefined.");
            definition = previous;
        }
        active.Terms[term] = definition;
        defined[term] = true;
    }

    /// <summary>IRI expansion (JSON-LD 1.1 API, 5.2): null when the value has the form of a keyword but is not one.</summary>
    private static string? ExpandIri(ActiveContext active, string value, bool documentRelative = false, bool vocab = false,
        JsonObject? local = null, Dictionary<string, bool>? defined = null)
    {
        if (Keywords.Contains(value)) return value;
        if (KeywordForm().IsMatch(value)) return null;
        if (local is not null && defined is not null && local.ContainsKey(value) && !(defined.TryGetValue(value, out var d) && d))
        {
            CreateTermDefinition(active, local, value, defined, local["@protected"]?.GetValue<bool>() ?? false, overrideProtected: false);
        }
        if (active.Term(value) is { } term)
        {
            if (Keywords.Contains(term.Iri)) return term.Iri;
            if (vocab) return term.Iri;
        }
        var colon = value.IndexOf(':', 1);
        if (colon > 0)
        {
            var head = value[..colon];
            var tail = value[(colon + 1)..];
            if (head == "_" || tail.StartsWith("//", StringComparison.Ordinal)) return value;
            if (local is not null && defined is not null && local.ContainsKey(head) && !(defined.TryGetValue(head, out var hd) && hd))
            {
                CreateTermDefinition(active, local, head, defined, local["@protected"]?.GetValue<bool>() ?? false, overrideProtected: false);
            }
            if (active.Term(head) is { Prefix: true } prefix) return prefix.Iri + tail;
            if (AbsoluteIriForm().IsMatch(value)) return value;
        }
        if (vocab && active.Vocab is { } vocabulary) return vocabulary + value;
        // No base IRI: a relative reference stays relative, and turning it into RDF fails loudly below.
        _ = documentRelative;
        return value;
    }

    // ----- Expansion (JSON-LD 1.1 API, 5.1) -----

    private static JsonNode? Expand(ActiveContext active, string? activeProperty, JsonNode? element)
    {
        if (element is null) return null;
        var propertyScoped = active.Term(activeProperty)?.LocalContext;
        if (element is JsonValue scalar)
        {
            if (activeProperty is null) throw new JsonLdException("A bare value at the top of the document is not supported.");
            if (propertyScoped is not null) active = ProcessContext(active, propertyScoped, overrideProtected: true);
            return ExpandValue(active, activeProperty, scalar);
        }
        if (element is JsonArray array)
        {
            var items = new JsonArray();
            foreach (var item in array)
            {
                var expanded = Expand(active, activeProperty, item);
                if (expanded is JsonArray nested)
                {
                    foreach (var n in nested.ToList())
                    {
                        nested.Remove(n);
                        items.Add(n);
                    }
                }
                else if (expanded is not null)
                {
                    items.Add(expanded);
                }
            }
            return items;
        }

        var map = (JsonObject)element;
        if (active.Previous is { } previous)
        {
            var keys = map.Select(e => ExpandIri(active, e.Key, vocab: true)).ToList();
            if (!keys.Contains("@value") && !(keys.Count == 1 && keys[0] == "@id")) active = previous;
        }
        if (propertyScoped is not null) active = ProcessContext(active, propertyScoped, overrideProtected: true);
        if (map.ContainsKey("@context")) active = ProcessContext(active, map["@context"]);

        var typeScoped = active;
        foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (ExpandIri(active, key, vocab: true) != "@type") continue;
            var terms = (value is JsonArray types ? types.ToList() : [value])
                .Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new JsonLdException("A type must be a string."))
                .Order(StringComparer.Ordinal);
            foreach (var term in terms)
            {
                if (typeScoped.Term(term)?.LocalContext is { } scoped) active = ProcessContext(active, scoped, propagate: false);
            }
        }

        var result = new JsonObject();
        foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (key == "@context") continue;
            var property = ExpandIri(active, key, vocab: true);
            if (property is null || (!Keywords.Contains(property) && !property.Contains(':', StringComparison.Ordinal)))
            {
                throw new JsonLdException($"The property \"{key}\" is not defined by the credential's contexts, so it would not be signed.");
            }
            if (Keywords.Contains(property))
            {
                if (result.ContainsKey(property) && property != "@type") throw new JsonLdException($"Two properties of one object both mean {property}.");
                switch (property)
                {
                    case "@id":
                        result["@id"] = value is JsonValue id && id.TryGetValue<string>(out var s)
                            ? ExpandIri(active, s, documentRelative: true) : throw new JsonLdException("An id must be a string.");
                        break;
                    case "@type":
                        var types = result["@type"] as JsonArray ?? [];
                        foreach (var t in value is JsonArray list ? list.ToList() : [value])
                        {
                            var text = t is JsonValue tv && tv.TryGetValue<string>(out var ts) ? ts : throw new JsonLdException("A type must be a string.");
                            types.Add(ExpandIri(typeScoped, text, documentRelative: true, vocab: true));
                        }
                        result["@type"] = types;
                        break;
                    case "@value":
                        if (value is not (null or JsonValue)) throw new JsonLdException("@value must be a scalar.");
                        result["@value"] = value?.DeepClone();
                        break;
                    default:
                        throw new JsonLdException($"The keyword {property} is not supported for issued credentials.");
                }
                continue;
            }
            var definition = active.Term(key);
            if (definition?.Type == "@json") throw new JsonLdException($"The property \"{key}\" is a JSON literal, which is not supported for issued credentials.");
            var expandedValue = Expand(active, key, value);
            if (expandedValue is null) continue;
            if (definition?.Container is "@list" or "@graph")
            {
                throw new JsonLdException($"The property \"{key}\" is a {definition.Container} container, which is not supported for issued credentials.");
            }
            var values = result[property] as JsonArray ?? [];
            foreach (var item in expandedValue is JsonArray many ? many.ToList() : [expandedValue])
            {
                item!.Parent?.AsArray().Remove(item);
                values.Add(item);
            }
            result[property] = values;
        }

        if (result.ContainsKey("@value"))
        {
            if (result.Any(e => e.Key is not ("@value" or "@type"))) throw new JsonLdException("A value object may have only @value and @type here.");
            if (result["@value"] is null) return null;
            if (result["@type"] is JsonArray { Count: 1 } single) result["@type"] = single[0]!.DeepClone();
            else if (result.ContainsKey("@type")) throw new JsonLdException("A value has more than one datatype.");
            return result;
        }
        if (activeProperty is null && (result.Count == 0 || (result.Count == 1 && result.ContainsKey("@id")))) return null;
        return result;
    }

    /// <summary>Value expansion (JSON-LD 1.1 API, 5.3.3).</summary>
    private static JsonObject ExpandValue(ActiveContext active, string activeProperty, JsonValue value)
    {
        var type = active.Term(activeProperty)?.Type;
        var isString = value.TryGetValue<string>(out var text);
        if (type == "@id" && isString) return new JsonObject { ["@id"] = ExpandIri(active, text!, documentRelative: true) };
        if (type == "@vocab" && isString) return new JsonObject { ["@id"] = ExpandIri(active, text!, documentRelative: true, vocab: true) };
        var result = new JsonObject { ["@value"] = value.DeepClone() };
        if (type is not (null or "@id" or "@vocab")) result["@type"] = type;
        return result;
    }

    // ----- Deserialize JSON-LD to RDF (JSON-LD 1.1 API, 8.1-8.3), default graph only -----

    private sealed class RdfWriter
    {
        private readonly Dictionary<string, string> _blankLabels = new(StringComparer.Ordinal);
        private readonly HashSet<Quad> _seen = [];
        public List<Quad> Quads { get; } = [];

        public RdfTerm Node(JsonObject node)
        {
            var subject = node["@id"] is JsonValue id ? Resource(id.GetValue<string>()) : NewBlank();
            foreach (var (key, value) in node)
            {
                switch (key)
                {
                    case "@id":
                        continue;
                    case "@type":
                        foreach (var type in value!.AsArray()) Add(subject, RdfType, Resource(type!.GetValue<string>()));
                        continue;
                }
                if (key.StartsWith("_:", StringComparison.Ordinal)) throw new JsonLdException($"The property {key} is a blank node, which RDF does not allow.");
                if (!AbsoluteIriForm().IsMatch(key)) throw new JsonLdException($"The property {key} is not an absolute IRI.");
                foreach (var item in value!.AsArray())
                {
                    var obj = item as JsonObject ?? throw new JsonLdException($"The property {key} has a value that is not expanded.");
                    Add(subject, key, obj.ContainsKey("@value") ? Literal(obj) : Node(obj));
                }
            }
            return subject;
        }

        private static RdfTerm Literal(JsonObject value)
        {
            var datatype = value["@type"]?.GetValue<string>();
            if (datatype is not null && !AbsoluteIriForm().IsMatch(datatype)) throw new JsonLdException($"The datatype {datatype} is not an absolute IRI.");
            var raw = value["@value"]!.AsValue();
            switch (raw.GetValueKind())
            {
                case System.Text.Json.JsonValueKind.String:
                    return RdfTerm.Literal(raw.GetValue<string>(), datatype ?? XsdString);
                case System.Text.Json.JsonValueKind.True:
                case System.Text.Json.JsonValueKind.False:
                    return RdfTerm.Literal(raw.GetValue<bool>() ? "true" : "false", datatype ?? XsdBoolean);
                case System.Text.Json.JsonValueKind.Number:
                    var number = raw.GetValue<double>();
                    if (number % 1 != 0 || Math.Abs(number) >= 1e21 || datatype == XsdDouble)
                    {
                        throw new JsonLdException($"The number {raw} would be a double, whose canonical form this processor does not write.");
                    }
                    return RdfTerm.Literal(number.ToString("0", CultureInfo.InvariantCulture), datatype ?? XsdInteger);
                default:
                    throw new JsonLdException("A value must be a string, number or boolean.");
            }
        }

        private RdfTerm Resource(string iri)
        {
            if (iri.StartsWith("_:", StringComparison.Ordinal))
            {
                if (!_blankLabels.TryGetValue(iri, out var label)) _blankLabels[iri] = label = NewBlank().Value;
                return RdfTerm.Blank(label);
            }
            if (!AbsoluteIriForm().IsMatch(iri)) throw new JsonLdException($"\"{iri}\" is not an absolute IRI; relative references are not signed.");
            return RdfTerm.Iri(iri);
        }

        private int _next;
        private RdfTerm NewBlank() => RdfTerm.Blank("b" + (_next++).ToString(CultureInfo.InvariantCulture));

        private void Add(RdfTerm subject, string predicate, RdfTerm obj)
        {
            var quad = new Quad(subject, RdfTerm.Iri(predicate), obj);
            if (_seen.Add(quad)) Quads.Add(quad);
        }
    }
}

public enum RdfTermKind { Iri, Blank, Literal }

/// <summary>An RDF term: an IRI, a blank node (label without "_:") or a literal with its datatype (no language tags here).</summary>
public sealed record RdfTerm(RdfTermKind Kind, string Value, string? Datatype = null)
{
    public static RdfTerm Iri(string iri) => new(RdfTermKind.Iri, iri);
    public static RdfTerm Blank(string label) => new(RdfTermKind.Blank, label);
    public static RdfTerm Literal(string text, string datatype) => new(RdfTermKind.Literal, text, datatype);
}

/// <summary>A triple in the default graph (the credentials issued here use no named graphs).</summary>
public sealed record Quad(RdfTerm Subject, RdfTerm Predicate, RdfTerm Object);
