using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Configuration;

/// <summary>
/// Typed values from single YAML nodes. Each reports "path: found X; expected Y" into the error list and
/// returns null when the node does not hold what is expected.
/// </summary>
public static class YamlValues
{
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>What a node is, for "found …": a value in quotes, or the kind of structure.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        _ when IsNull(node) => "nothing",
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s => $"'{Shorten(s.Value ?? "")}'",
        YamlScalarNode s => $"the string \"{Shorten(s.Value ?? "")}\"",
        YamlSequenceNode { Children.Count: 0 } => "an empty list",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    public static void Mismatch(YamlNode node, string path, string expected, ErrorList errors) =>
        errors.Add(node, $"{path}: found {Describe(node)}; expected {expected}");

    /// <summary>Any scalar as text (YAML's plain 5 or true are text too where text is expected).</summary>
    public static string? Text(YamlNode node, string path, string expected, ErrorList errors)
    {
        if (node is YamlScalarNode { Value: { } value } && !IsNull(node))
        {
            return value;
        }

        Mismatch(node, path, expected, errors);
        return null;
    }

    public static int? WholeNumber(YamlNode node, string path, int min, int max, ErrorList errors)
    {
        string expected = max == int.MaxValue ? $"a whole number ≥ {min}" : $"a whole number from {min} to {max}";
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } s
            && int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            && value >= min && value <= max)
        {
            return value;
        }

        Mismatch(node, path, expected, errors);
        return null;
    }

    public static TimeSpan? Duration(YamlNode node, string path, bool allowZero, ErrorList errors)
    {
        if (node is YamlScalarNode { Value: { } text } && DurationText.TryParse(text, out var duration) && (allowZero || duration > TimeSpan.Zero))
        {
            return duration;
        }

        Mismatch(node, path, allowZero ? $"{DurationText.Example} (or 0)" : $"{DurationText.Example}, more than 0", errors);
        return null;
    }

    /// <summary>One of a fixed set of words, case-sensitive as written in the docs.</summary>
    public static string? Choice(YamlNode node, string path, IReadOnlyList<string> allowed, ErrorList errors)
    {
        if (node is YamlScalarNode { Value: { } value } && allowed.Contains(value))
        {
            return value;
        }

        Mismatch(node, path, $"one of {string.Join(", ", allowed)}", errors);
        return null;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
