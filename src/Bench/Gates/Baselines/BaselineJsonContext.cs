using System.Text.Json.Serialization;

namespace Bench.Gates.Baselines;

/// <summary>Source-generated System.Text.Json metadata for baseline files, written like results.json (camelCase, indented, nulls kept).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Baseline))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
