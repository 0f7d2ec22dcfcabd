using System.Text.Json;

namespace Bench.Results;

/// <summary>results.json to and from text; reading checks the schema version so an old reader never misreads a newer file.</summary>
public static class ResultsJson
{
    public const string FileName = "results.json";

    public static string Serialize(RunResults results) => JsonSerializer.Serialize(results, ResultsJsonContext.Default.RunResults);

    /// <summary>Throws <see cref="InvalidDataException"/> (never a JSON stack trace) when the text is not results.json of this version.</summary>
    public static RunResults Deserialize(string json, string source)
    {
        RunResults? results;
        try
        {
            results = JsonSerializer.Deserialize(json, ResultsJsonContext.Default.RunResults);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a results.json: {e.Message}", e);
        }

        if (results is null || results.SchemaVersion != RunResults.CurrentSchemaVersion)
        {
            throw new InvalidDataException($"{source}: schemaVersion {results?.SchemaVersion.ToString() ?? "missing"}; this Bench reads {RunResults.CurrentSchemaVersion}");
        }

        return results;
    }

    public static async Task<RunResults> ReadAsync(string path, CancellationToken cancellationToken) =>
        Deserialize(await File.ReadAllTextAsync(path, cancellationToken), path);
}
