namespace Bench.Load;

/// <summary>
/// One load agent's part of a level run across several (a cluster run): what it carried, what it spent, and how
/// well its clock and window agreed with the controller's.
/// </summary>
/// <param name="Agent">The agent, as "node (address:port)".</param>
/// <param name="Requests">Its successful requests in its window.</param>
/// <param name="CpuSeconds">Its own CPU over its window.</param>
/// <param name="Saturated">Its generator was saturated (which makes the level invalid).</param>
/// <param name="ClockOffsetMs">Its clock minus the controller's, measured just before the level.</param>
/// <param name="ClockRttMs">The round trip of the clock sample the offset came from: the offset is known to ± half of it.</param>
/// <param name="WindowSkewMs">When its window opened, on the controller's clock, minus when the earliest agent's did.</param>
/// <param name="Lost">Why it returned nothing (it stopped answering, or refused); null when it reported.</param>
public sealed record GeneratorPart(string Agent, long Requests, double CpuSeconds, bool Saturated, double ClockOffsetMs, double ClockRttMs, double WindowSkewMs, string? Lost);
