using Bench.Load;

namespace Bench.Cluster;

/// <summary>
/// What the controller asks of one agent for one level: its share of the load (its connections, or its part of the
/// rate) and the instant to start it, on the agent's own clock (the controller's instant plus the agent's measured
/// offset), so every agent's warm-up and window begin together.
/// </summary>
public sealed record AgentShare(LoadOptions Options, DateTimeOffset StartAt);
