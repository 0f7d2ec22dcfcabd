using Bench.Launch;
using Docker.DotNet.Models;

namespace Bench.Cluster.Swarm;

/// <summary>What a cluster run refuses before it places anything: an engine that is no swarm manager, a target the swarm cannot take.</summary>
public static class SwarmRules
{
    /// <summary>Null when the engine manages a swarm; else what it is and the command that makes it a manager.</summary>
    public static string? ManagerProblem(string endpoint, Info? swarm) =>
        swarm?.LocalNodeState switch
        {
            "active" when swarm.ControlAvailable => null,
            "active" => $"the engine at {endpoint} is a worker of its swarm, not a manager: give --cluster a manager's endpoint (docker node ls on a manager lists them)",
            var state => $"the engine at {endpoint} is not in a swarm (swarm: {(string.IsNullOrEmpty(state) ? "inactive" : state)}): make it a manager with docker swarm init --advertise-addr <addr>",
        };

    /// <summary>Null when <paramref name="definition"/> can run as a swarm service; else why not.</summary>
    public static string? PlacementProblem(TargetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Kind != TargetKind.Docker || definition.Topology is not null)
        {
            return "only docker targets can be placed on a swarm (kind: docker)";
        }

        if (definition.Needs.Count > 0)
        {
            return $"needs {string.Join(", ", definition.Needs.Select(n => n.Name))}, which runs beside Bench, not on the swarm: targets with dependencies cannot be placed on a swarm yet";
        }

        return definition.Readiness is StdoutReadiness or HttpReadiness
            ? null
            : "is ready by a protocol handshake, which Bench checks on loopback only: a swarm target must be ready by a stdout line or HTTP";
    }
}
