using System.Text.Json.Serialization;

namespace Bench.Results;

/// <summary>
/// Source-generated System.Text.Json metadata for results.json: camelCase, indented, nulls written (the schema lists
/// every field). Reading is strict: a missing field, or null where the schema has none, is an error rather than a
/// null that a reader (the report, a gate) would trip over later.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(RunResults))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
