using System.Text.Json.Serialization;

namespace Bench.Results;

/// <summary>Source-generated System.Text.Json metadata for results.json: camelCase, indented, nulls written (the schema lists every field).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunResults))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
