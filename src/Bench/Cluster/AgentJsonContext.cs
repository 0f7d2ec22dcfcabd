using System.Text.Json.Serialization;

namespace Bench.Cluster;

/// <summary>The agent protocol's JSON: one compact line per request and per reply, enums by name.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(AgentRequest))]
[JsonSerializable(typeof(AgentReply))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
