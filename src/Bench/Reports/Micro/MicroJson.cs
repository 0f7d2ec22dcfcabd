using System.Globalization;
using System.Text.Json;

namespace Bench.Reports.Micro;

/// <summary>micro.json to and from text. Reading never lets a JSON stack trace out: every problem is one line.</summary>
public static class MicroJson
{
    public static string Serialize(MicroResults results) => JsonSerializer.Serialize(results, MicroJsonContext.Default.MicroResults) + "\n";

    /// <summary>Throws <see cref="InvalidDataException"/>: <c>source:line:column: message</c> for bad JSON, <c>source: message</c> for a bad value.</summary>
    public static MicroResults Deserialize(string json, string source)
    {
        MicroResults? results;
        try
        {
            results = JsonSerializer.Deserialize(json, MicroJsonContext.Default.MicroResults);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Where(source, e)}: not a micro.json: {Reason(e)}", e);
        }

        if (results is null)
        {
            throw new InvalidDataException($"{source}: not a micro.json: null");
        }

        if (results.SchemaVersion != MicroResults.CurrentSchemaVersion)
        {
            throw new InvalidDataException($"{source}: schemaVersion {results.SchemaVersion}; this Bench reads {MicroResults.CurrentSchemaVersion}");
        }

        for (int i = 0; i < results.Benchmarks.Count; i++)
        {
            var benchmark = results.Benchmarks[i];
            if (string.IsNullOrWhiteSpace(benchmark.Name) || !double.IsFinite(benchmark.MeanNs) || benchmark.MeanNs < 0
                || benchmark.ErrorNs is < 0 || benchmark.AllocatedBytes is < 0)
            {
                throw new InvalidDataException($"{source}: benchmarks[{i}] ('{benchmark.Name}'): a benchmark needs a name and a mean, error and allocation of at least 0");
            }
        }

        return results;
    }

    // System.Text.Json counts lines and bytes from 0; editors count from 1. Bytes equal characters in the ASCII the file holds.
    private static string Where(string source, JsonException e) => e.LineNumber is { } line
        ? string.Create(CultureInfo.InvariantCulture, $"{source}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}")
        : source;

    /// <summary>
    /// What the reader found (the inner exception's words, "Cannot get the value of a token type 'String' as a number",
    /// say more than "could not be converted to MicroBenchmark"), without the "Path: … | LineNumber: …" tail (the
    /// location is in front), plus the JSON path.
    /// </summary>
    private static string Reason(JsonException e)
    {
        string message = (e.InnerException ?? e).Message.ReplaceLineEndings(" ");
        foreach (string tail in new[] { " Path: ", " LineNumber: " })
        {
            int at = message.IndexOf(tail, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return string.IsNullOrEmpty(e.Path) || e.Path == "$" ? message : $"{message} (at {e.Path})";
    }
}
