using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Bench.Configuration;

/// <summary>Reads a YAML file into its documents' root nodes, turning every read or syntax failure into an <see cref="InputError"/>.</summary>
public static class YamlFile
{
    public static IReadOnlyList<YamlNode> Read(string path, ErrorList errors)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add(SourceLocation.WholeFile(path), $"cannot read the file: {e.Message}");
            return [];
        }

        return Parse(text, errors);
    }

    public static IReadOnlyList<YamlNode> Parse(string text, ErrorList errors)
    {
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            errors.Add(errors.At(e.Start), $"not valid YAML: {e.Message}");
            return [];
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (with no position) on some unclosed flow collections.
            errors.Add(errors.At(parser.LastGood), "not valid YAML after this point (an unclosed [ or { ?)");
            return [];
        }

        return stream.Documents.Select(d => d.RootNode).ToArray();
    }

    /// <summary>Remembers where the last event ended, to place errors the parser reports without a position.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastGood { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (inner.Current is { } current)
            {
                LastGood = current.End;
            }

            return inner.MoveNext();
        }
    }
}
