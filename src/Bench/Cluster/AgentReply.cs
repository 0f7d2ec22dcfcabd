using Bench.Launch.Sampling;

namespace Bench.Cluster;

/// <summary>
/// An agent's one-line answer: its clock (for "clock", and for "sample" once its first reading is taken), its
/// measurement (for "run"), what a process used (for "stop"), or why it refused.
/// </summary>
public sealed record AgentReply(DateTimeOffset Now, AgentReport? Report = null, string? Error = null, ResourceUsage? Usage = null);
