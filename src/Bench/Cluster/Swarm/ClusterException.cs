namespace Bench.Cluster.Swarm;

/// <summary>
/// Why a cluster run cannot use the swarm it was given: one line that says what is wrong and the command that fixes
/// it (`docker swarm init`, `docker node update --label-add`, `--node-engine`), printed as it is, never a stack trace.
/// </summary>
public sealed class ClusterException(string message) : Exception(message);
