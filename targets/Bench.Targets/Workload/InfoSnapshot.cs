using System.Text.Json.Serialization;

namespace Bench.Servers.Workload;

/// <summary>The /info document. Every target, in every language, returns these fields.</summary>
public sealed record InfoSnapshot(
    string Model, int Pid, int OsThreads, long OpenConnections, long RequestsServed, int HandlerThreads);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InfoSnapshot))]
internal sealed partial class InfoJsonContext : JsonSerializerContext;
