namespace Bench.Cluster;

/// <summary>An agent's one-line answer: its clock (for "clock"), its measurement (for "run"), or why it refused.</summary>
public sealed record AgentReply(DateTimeOffset Now, AgentReport? Report = null, string? Error = null);
