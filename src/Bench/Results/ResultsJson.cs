using System.Globalization;
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
            // A file of another version may miss fields this one requires: name the version, not the first missing field.
            throw OtherVersion(json, source) ?? new InvalidDataException($"{source}: not a results.json: {e.Message}", e);
        }

        if (results is null || results.SchemaVersion != RunResults.CurrentSchemaVersion)
        {
            throw VersionError(results?.SchemaVersion.ToString(CultureInfo.InvariantCulture) ?? "missing", source);
        }

        return results;
    }

    private static InvalidDataException? OtherVersion(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("schemaVersion", out var version)
                && !(version.TryGetInt32(out int number) && number == RunResults.CurrentSchemaVersion)
                ? VersionError(version.ToString(), source)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static InvalidDataException VersionError(string found, string source) =>
        new($"{source}: schemaVersion {found}; this Bench reads {RunResults.CurrentSchemaVersion}");

    public static async Task<RunResults> ReadAsync(string path, CancellationToken cancellationToken) =>
        Deserialize(await File.ReadAllTextAsync(path, cancellationToken), path);
}
