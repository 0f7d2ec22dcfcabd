using Bench.Configuration;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios;

/// <summary>Reads a scenario's <c>background:</c>: named streams of requests, each on its own connections or at its own rate.</summary>
internal static class BackgroundReader
{
    public const string Expected = "a list of background streams like { name: cpu, path: \"/cpu?n=60000\", connections: 1 }";

    private static readonly string[] Fields = [.. ScenarioRequestReader.Fields, "name", "connections", "rate"];

    /// <summary>The streams, or null when one could not be read (each problem reported); empty when there are none.</summary>
    public static IReadOnlyList<Background>? Read(YamlMap root)
    {
        var items = root.List("background", Expected);
        if (items is null)
        {
            return root.Has("background") ? null : [];
        }

        var streams = new List<Background>();
        bool valid = true;
        for (int i = 0; i < items.Count; i++)
        {
            var stream = ReadOne(items[i], $"background[{i}]", root.Errors);
            if (stream is not null && streams.Any(s => s.Name == stream.Name))
            {
                root.Errors.Add(items[i], $"background[{i}]: '{stream.Name}' is named twice; each stream needs its own name");
                stream = null;
            }

            valid &= stream is not null;
            if (stream is not null)
            {
                streams.Add(stream);
            }
        }

        return valid ? streams : null;
    }

    private static Background? ReadOne(YamlNode item, string path, ErrorList errors)
    {
        int known = errors.Errors.Count;
        var map = YamlMap.Open(item, path, "a mapping like { name: cpu, path: \"/cpu?n=60000\", connections: 1 }", Fields, errors);
        if (map is null)
        {
            return null;
        }

        // An unknown field (a misspelt connections) already says what is wrong.
        bool unknownField = errors.Errors.Count > known;
        string? name = map.Name("name", "cpu");
        var request = ScenarioRequestReader.Read(map);
        int? connections = map.WholeNumber("connections", 1, 10_000);
        int? rate = map.WholeNumber("rate", 1, 1_000_000);
        if (map.Has("connections") == map.Has("rate"))
        {
            if (!unknownField)
            {
                errors.Add(map.Location, $"{path}: give connections (a closed stream) or rate (requests per second, an open one), one of the two");
            }

            return null;
        }

        return name is null || request is null || (connections is null && rate is null) ? null : new Background(name, request, connections, rate);
    }
}
