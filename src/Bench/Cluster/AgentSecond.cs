namespace Bench.Cluster;

/// <summary>One second of an agent's window: what finished in it and, when anything did, its latency histogram (base64).</summary>
public sealed record AgentSecond(long Completed, long Errors, string? Latency);
