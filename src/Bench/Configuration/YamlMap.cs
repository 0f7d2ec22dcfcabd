using YamlDotNet.RepresentationModel;

namespace Bench.Configuration;

/// <summary>
/// A YAML mapping read against the fields it may have: unknown fields are reported as soon as it is opened
/// (with the allowed ones and a close match), and each getter reports a missing or mistyped value with
/// the field's dotted path. Getters return null when a value is absent or wrong, so reading goes on and
/// every problem of a file is found in one pass.
/// </summary>
public sealed class YamlMap
{
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

    private YamlMap(YamlMappingNode node, string path, ErrorList errors, IReadOnlyList<string> allowed, Func<string, string?>? hint)
    {
        Node = node;
        Path = path;
        Errors = errors;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                errors.Add(key, $"{Where}found {YamlValues.Describe(key)} as a field name; expected one of {string.Join(", ", allowed)}");
            }
            else if (!allowed.Contains(name))
            {
                errors.Add(key, $"{Where}unknown field '{name}'; {hint?.Invoke(name) ?? Suggest(name, allowed)}allowed: {string.Join(", ", allowed)}");
            }
            else if (!YamlValues.IsNull(value))
            {
                _values[name] = value;
            }
        }
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public ErrorList Errors { get; }

    public SourceLocation Location => Errors.At(Node);

    private string Where => Path.Length == 0 ? "" : $"{Path}: ";

    /// <summary>Opens <paramref name="node"/> as a mapping, or reports what it is instead and returns null.</summary>
    public static YamlMap? Open(YamlNode node, string path, string expected, IReadOnlyList<string> allowed, ErrorList errors, Func<string, string?>? hint = null)
    {
        if (node is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, path, errors, allowed, hint);
        }

        YamlValues.Mismatch(node, path.Length == 0 ? "the document" : path, expected, errors);
        return null;
    }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>The value node of <paramref name="key"/>; reports it as missing when required and absent.</summary>
    public YamlNode? Get(string key, bool required, string expected)
    {
        if (_values.TryGetValue(key, out var node))
        {
            return node;
        }

        if (required)
        {
            Errors.Add(Node, $"{Where}'{key}' is missing; expected {expected}");
        }

        return null;
    }

    /// <summary>Reports the present value of <paramref name="key"/> as not what is expected (a check beyond its type failed).</summary>
    public void Reject(string key, string expected)
    {
        if (_values.TryGetValue(key, out var node))
        {
            YamlValues.Mismatch(node, PathOf(key), expected, Errors);
        }
    }

    public string? Text(string key, string expected, bool required = false) =>
        Get(key, required, expected) is { } node ? YamlValues.Text(node, PathOf(key), expected, Errors) : null;

    /// <summary>A required name that may become part of a folder name or a key (<see cref="NameRules"/>).</summary>
    public string? Name(string key, string example)
    {
        string? name = Text(key, $"a name like {example}", required: true);
        if (name is not null && !NameRules.IsValid(name))
        {
            Reject(key, $"a name like {example}: {NameRules.Allowed}");
            return null;
        }

        return name;
    }

    public int? WholeNumber(string key, int min, int max = int.MaxValue, bool required = false) =>
        Get(key, required, $"a whole number ≥ {min}") is { } node ? YamlValues.WholeNumber(node, PathOf(key), min, max, Errors) : null;

    public TimeSpan? Duration(string key, bool allowZero, bool required = false) =>
        Get(key, required, DurationText.Example) is { } node ? YamlValues.Duration(node, PathOf(key), allowZero, Errors) : null;

    public YamlMap? Map(string key, string expected, IReadOnlyList<string> allowed, bool required = false) =>
        Get(key, required, expected) is { } node ? Open(node, PathOf(key), expected, allowed, Errors) : null;

    /// <summary>A list's items, or null (reported) when the value is not a list or is empty and must not be.</summary>
    public IReadOnlyList<YamlNode>? List(string key, string expected, bool required = false, bool allowEmpty = true)
    {
        if (Get(key, required, expected) is not { } node)
        {
            return null;
        }

        if (node is not YamlSequenceNode { Children: var items } || (items.Count == 0 && !allowEmpty))
        {
            YamlValues.Mismatch(node, PathOf(key), expected, Errors);
            return null;
        }

        return items.ToArray();
    }

    /// <summary>A mapping of text to text (headers, environment variables), keeping the order written.</summary>
    public IReadOnlyDictionary<string, string>? TextMap(string key, string expected)
    {
        if (Get(key, false, expected) is not { } node)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            YamlValues.Mismatch(node, PathOf(key), expected, Errors);
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in mapping.Children)
        {
            string? name = YamlValues.Text(k, PathOf(key), "a name", Errors);
            string? value = YamlValues.Text(v, $"{PathOf(key)}.{name}", "a text value (quote it if it looks like something else)", Errors);
            if (name is not null && value is not null)
            {
                result[name] = value;
            }
        }

        return result;
    }

    private static string Suggest(string name, IReadOnlyList<string> allowed)
    {
        string? close = allowed.FirstOrDefault(a => Distance(a.ToUpperInvariant(), name.ToUpperInvariant()) <= Math.Max(1, a.Length / 4));
        return close is null ? "" : $"did you mean '{close}'? ";
    }

    /// <summary>Levenshtein distance: small field names only, so the plain dynamic programme is enough.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
