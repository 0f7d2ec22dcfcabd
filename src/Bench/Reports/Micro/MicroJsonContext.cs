using System.Text.Json.Serialization;

namespace Bench.Reports.Micro;

/// <summary>micro.json's shape: camelCase, indented, strict on reading (a missing field or a null where none belongs is an error).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(MicroResults))]
internal sealed partial class MicroJsonContext : JsonSerializerContext;
