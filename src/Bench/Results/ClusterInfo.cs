namespace Bench.Results;

/// <summary>
/// A run whose load came from agents (`bench run --agents`, or `--cluster` on a swarm): where, and through what. Null
/// for a run on one machine. Everything else in results.json reads the same either way.
/// </summary>
/// <param name="Manager">The swarm manager's Docker endpoint; null when the agents were given by address.</param>
/// <param name="Nodes">The swarm's nodes and their Bench roles (target, generator); empty without a swarm.</param>
/// <param name="Agents">The agents at the run's start, as "node (address:port)"; each level's <c>agents</c> says which carried it.</param>
public sealed record ClusterInfo(string? Manager, IReadOnlyList<ClusterNode> Nodes, IReadOnlyList<string> Agents);

/// <summary>One swarm node: its id, host name, address and the roles its labels give it.</summary>
public sealed record ClusterNode(string Id, string Hostname, string Address, IReadOnlyList<string> Roles);
