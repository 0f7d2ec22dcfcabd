using System.Net;
using Bench.Load;

namespace Bench.Cluster.Swarm;

/// <summary>What a run needs of the swarm's nodes before it places anything: each role on some node, and every address load may go to allowed.</summary>
public static class SwarmNodes
{
    /// <summary>Null when the nodes can take a run; else one line saying what is missing and the command that adds it.</summary>
    public static string? Problem(IReadOnlyList<SwarmNode> nodes, AllowedHosts allowed)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(allowed);
        string names = nodes.Count == 0 ? "none ready and active" : string.Join(", ", nodes.Select(n => n.Hostname));
        if (!nodes.Any(n => n.Target))
        {
            return $"no swarm node is labelled as a target node: docker node update --label-add {SwarmNode.TargetLabel}=true <node> (nodes: {names})";
        }

        if (!nodes.Any(n => n.Generator))
        {
            return $"no swarm node is labelled as a generator node: docker node update --label-add {SwarmNode.GeneratorLabel}=true <node> (nodes: {names})";
        }

        var refused = nodes.Where(n => (n.Target || n.Generator) && !IsAllowed(n.IpAddress, allowed)).ToArray();
        return refused.Length == 0
            ? null
            : $"refusing to send load to swarm node(s) {string.Join(", ", refused.Select(n => n.ToString()))}: only loopback and the test hosts named in ${AllowedHosts.Variable}"
                + $" may be loaded (name each node's private address there, like {AllowedHosts.Variable}={string.Join(',', refused.Select(n => n.Address))})";
    }

    /// <summary>Loopback, or a test host named in <paramref name="allowed"/>: the same gate as every load.</summary>
    public static bool IsAllowed(IPAddress address, AllowedHosts allowed) =>
        !address.IsIPv4MappedToIPv6 && (IPAddress.IsLoopback(address) || allowed.Allows(address));

    /// <summary>The node a target is placed on: the first target node by hostname, so repeated runs land on the same one.</summary>
    public static SwarmNode TargetNode(IReadOnlyList<SwarmNode> nodes) =>
        nodes.Where(n => n.Target).OrderBy(n => n.Hostname, StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal).First();
}
