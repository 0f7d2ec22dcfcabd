using Docker.DotNet;

namespace Bench.Cluster.Swarm;

/// <summary>
/// What Bench reaches on a target's node besides the manager: the node's engine (its containers' stats, an OOM kill, a
/// container that outlives its task) and the sampling agent there (its /proc); either may be missing, and the note says
/// what is measured without it.
/// </summary>
internal sealed record NodeAccess(DockerClient? Engine, AgentEndpoint? Sampler, Action<string> Note);
